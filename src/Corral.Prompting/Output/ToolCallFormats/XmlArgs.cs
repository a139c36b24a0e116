using System.Text.Json;

namespace Corral.Prompting.Output.ToolCallFormats;

/// <summary>Argument values written as text between tags (Qwen3-Coder, GLM): JSON when they read as JSON, else strings.</summary>
internal static class XmlArgs
{
    /// <summary>Writes <paramref name="value"/> as a JSON number, boolean, null, object or array when it parses as one,
    /// otherwise as a string (without the schema, a string parameter that looks like a number becomes a number).</summary>
    public static void WriteValue(Utf8JsonWriter w, ReadOnlySpan<char> value)
    {
        var t = value.Trim();
        bool jsonLike = t.Length > 0 && (t[0] is '{' or '[' or '-' or (>= '0' and <= '9') || t is "true" or "false" or "null");
        if (jsonLike)
        {
            try
            {
                using var doc = JsonDocument.Parse(t.ToString());
                doc.RootElement.WriteTo(w);
                return;
            }
            catch (JsonException)
            {
                // Not JSON after all: a string.
            }
        }

        w.WriteStringValue(value);
    }
}
