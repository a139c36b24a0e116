using System.Buffers;
using System.Text.Json;

namespace Corral.Prompting.Output.ToolCallFormats;

/// <summary>
/// GLM-4.5/4.6/4.7: <c>&lt;tool_call&gt;NAME\n&lt;arg_key&gt;K&lt;/arg_key&gt;\n&lt;arg_value&gt;V&lt;/arg_value&gt;...&lt;/tool_call&gt;</c>.
/// Values that read as JSON are kept as such; anything else is a string.
/// </summary>
public sealed class GlmXmlFormat : ToolCallFormat
{
    private const string Open = "<tool_call>", Close = "</tool_call>";
    private const string Key = "<arg_key>", KeyEnd = "</arg_key>", Value = "<arg_value>", ValueEnd = "</arg_value>";

    /// <inheritdoc/>
    public override string Name => "glm";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Triggers { get; } = [Open];

    internal override CallScan Scan(ReadOnlySpan<char> text, bool final, bool bareJson, JsonScanState? resume = null)
    {
        int close = text.IndexOf(Close, StringComparison.Ordinal);
        if (close < 0 && !final) return CallScan.NeedMore;
        int consumed = close < 0 ? text.Length : close + Close.Length;
        var body = text[Open.Length..(close < 0 ? text.Length : close)];
        int firstKey = body.IndexOf(Key, StringComparison.Ordinal);
        string name = (firstKey < 0 ? body : body[..firstKey]).Trim().ToString();
        if (name.Length == 0 || name.Contains('<') || name.Contains('{'))
        {
            return CallScan.Failed(consumed, "tool call has no function name");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            var rest = firstKey < 0 ? [] : body[firstKey..];
            while (rest.IndexOf(Key, StringComparison.Ordinal) is var k and >= 0)
            {
                rest = rest[(k + Key.Length)..];
                int ke = rest.IndexOf(KeyEnd, StringComparison.Ordinal), vs = rest.IndexOf(Value, StringComparison.Ordinal);
                int ve = rest.IndexOf(ValueEnd, StringComparison.Ordinal);
                if (ke < 0 || vs < ke || ve < vs) return CallScan.Failed(consumed, "tool call has an unterminated argument");
                w.WritePropertyName(rest[..ke].Trim());
                XmlArgs.WriteValue(w, rest[(vs + Value.Length)..ve]);
                rest = rest[(ve + ValueEnd.Length)..];
            }

            w.WriteEndObject();
        }

        if (close < 0) return CallScan.Failed(consumed, "tool call is incomplete");
        return CallScan.Done(consumed, [new ParsedCall(name, JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone())]);
    }
}
