using System.Buffers;
using System.Text.Json;
using Corral.Modelfile;

namespace Corral.Cli;

/// <summary>Builds <see cref="JsonElement"/> values for request fields (no reflection; AOT-safe).</summary>
internal static class JsonValues
{
    public static JsonElement String(string value) => Build(w => w.WriteStringValue(value));

    public static JsonElement Bool(bool value) => Build(w => w.WriteBooleanValue(value));

    public static JsonElement Strings(IEnumerable<string> values) => Build(w =>
    {
        w.WriteStartArray();
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    });

    /// <summary>A typed parameter value as JSON (int, float, bool or string array).</summary>
    public static JsonElement Parameter(ParameterValue value) => value.Kind switch
    {
        ParameterKind.Int => Build(w => w.WriteNumberValue(value.AsInt())),
        ParameterKind.Float => Build(w => w.WriteNumberValue(value.AsFloat())),
        ParameterKind.Bool => Bool(value.AsBool()),
        _ => Strings(value.AsStrings()),
    };

    /// <summary>A keep_alive value: a Go duration string, sent as is.</summary>
    public static JsonElement KeepAlive(string duration) => String(duration);

    /// <summary>Human text of a JSON option value (for <c>/show parameters</c>).</summary>
    public static string Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array => "[" + string.Join(' ', value.EnumerateArray().Select(Display)) + "]",
        _ => value.GetRawText(),
    };

    private static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }
}
