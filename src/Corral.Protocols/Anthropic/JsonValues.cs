using System.Globalization;
using System.Text.Json;

namespace Corral.Protocols.Anthropic;

/// <summary>Builds small <see cref="JsonElement"/> values without reflection-based serialization.</summary>
internal static class JsonValues
{
    public static JsonElement Number(double value) => Parse(value.ToString("R", CultureInfo.InvariantCulture));

    public static JsonElement Number(int value) => Parse(value.ToString(CultureInfo.InvariantCulture));

    public static JsonElement Bool(bool value) => Parse(value ? "true" : "false");

    public static JsonElement String(string value) => Parse(Quote(value));

    public static JsonElement StringArray(IEnumerable<string> values) => Parse("[" + string.Join(",", values.Select(Quote)) + "]");

    public static JsonElement EmptyObject() => Parse("{}");

    private static string Quote(string value) => "\"" + JsonEncodedText.Encode(value).ToString() + "\"";

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
