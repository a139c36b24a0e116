using System.Text.Json;

namespace Corral.Prompting.Structured;

/// <summary>JSON value helpers shared by the parser and the validator. None of them throw.</summary>
internal static class JsonValues
{
    /// <summary>Whether <paramref name="value"/> is an instance of the JSON Schema type <paramref name="type"/>.</summary>
    public static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => IsInteger(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    /// <summary>Whether <paramref name="value"/> is a number with no fractional part.</summary>
    public static bool IsInteger(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetDecimal(out var d))
        {
            return decimal.Truncate(d) == d;
        }

        return value.TryGetDouble(out var x) && double.IsFinite(x) && Math.Floor(x) == x;
    }

    /// <summary>Compares a number with an integer bound: negative, zero or positive like <see cref="IComparable"/>.</summary>
    public static int CompareNumber(JsonElement value, long bound)
    {
        if (value.TryGetDecimal(out var d))
        {
            return d.CompareTo(bound);
        }

        return value.TryGetDouble(out var x) ? x.CompareTo(bound) : value.GetRawText().StartsWith('-') ? -1 : 1;
    }

    /// <summary>Whether the number is negative (including <c>-0</c> written with a sign is not negative).</summary>
    public static bool IsNegative(JsonElement value) => CompareNumber(value, 0) < 0;

    /// <summary>
    /// Length of a JSON string in grammar characters: one per code point, one per escape sequence,
    /// computed from the raw text so it agrees exactly with the grammar's <c>char</c> repetition.
    /// </summary>
    public static int GrammarLength(JsonElement value)
    {
        var raw = value.GetRawText().AsSpan(1, value.GetRawText().Length - 2);
        var count = 0;
        for (var i = 0; i < raw.Length; count++)
        {
            if (raw[i] == '\\')
            {
                i += i + 1 < raw.Length && raw[i + 1] == 'u' ? 6 : 2;
            }
            else
            {
                i += char.IsHighSurrogate(raw[i]) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1]) ? 2 : 1;
            }
        }

        return count;
    }

    /// <summary>Structural JSON equality (numbers compared by value, object member order ignored).</summary>
    public static bool DeepEquals(JsonElement a, JsonElement b) => JsonElement.DeepEquals(a, b);
}
