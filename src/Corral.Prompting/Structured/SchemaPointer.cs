using System.Text.Json;

namespace Corral.Prompting.Structured;

/// <summary>Resolves local <c>$ref</c> pointers (<c>#</c>, <c>#/$defs/X</c>, <c>#/definitions/X</c>, any <c>#/...</c>).</summary>
internal static class SchemaPointer
{
    /// <summary>Finds the schema <paramref name="pointer"/> names inside <paramref name="root"/>, or null.</summary>
    public static JsonElement? Resolve(JsonElement root, string pointer)
    {
        if (pointer == "#")
        {
            return root;
        }

        if (!pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var current = root;
        foreach (var raw in pointer[2..].Split('/'))
        {
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(segment, out var index) && index >= 0 && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Appends an escaped segment to a JSON pointer.</summary>
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
