using System.Buffers;
using System.Text.Json;

namespace Corral.Prompting.Output.ToolCallFormats;

/// <summary>
/// The XML-style calls of Qwen3-Coder, Qwen3.5, Nemotron 3, Seed-OSS and StepFun:
/// <c>&lt;tool_call&gt;&lt;function=NAME&gt;&lt;parameter=KEY&gt;VALUE&lt;/parameter&gt;...&lt;/function&gt;&lt;/tool_call&gt;</c>
/// (the <c>&lt;tool_call&gt;</c> wrapper is optional). A value that reads as JSON (number, boolean, null, object,
/// array) is kept as such; anything else is a string.
/// </summary>
public sealed class QwenXmlFormat : ToolCallFormat
{
    private const string Wrapper = "<tool_call>", WrapperEnd = "</tool_call>";
    private const string Function = "<function=", FunctionEnd = "</function>";
    private const string Parameter = "<parameter=", ParameterEnd = "</parameter>";

    /// <inheritdoc/>
    public override string Name => "qwen-xml";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Triggers { get; } = [Wrapper, Function];

    internal override CallScan Scan(ReadOnlySpan<char> text, bool final, bool bareJson, JsonScanState? resume = null)
    {
        bool wrapped = text.StartsWith(Wrapper, StringComparison.Ordinal);
        string closer = wrapped ? WrapperEnd : FunctionEnd;
        int close = text.IndexOf(closer, StringComparison.Ordinal);
        if (close < 0 && !final) return CallScan.NeedMore;
        int consumed = close < 0 ? text.Length : close + closer.Length;
        var body = text[(wrapped ? Wrapper.Length : 0)..(close < 0 ? text.Length : close)];
        return TryParse(body, out var call, out var failure)
            ? CallScan.Done(consumed, [call!])
            : CallScan.Failed(consumed, close < 0 ? "tool call is incomplete: " + failure : failure!);
    }

    private static bool TryParse(ReadOnlySpan<char> body, out ParsedCall? call, out string? failure)
    {
        call = null;
        failure = null;
        int f = body.IndexOf(Function, StringComparison.Ordinal);
        int gt = f < 0 ? -1 : body[f..].IndexOf('>');
        if (gt < 0)
        {
            failure = "tool call has no <function=NAME>";
            return false;
        }

        string name = body.Slice(f + Function.Length, gt - Function.Length).Trim().ToString();
        var rest = body[(f + gt + 1)..];
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            while (rest.IndexOf(Parameter, StringComparison.Ordinal) is var p and >= 0)
            {
                rest = rest[(p + Parameter.Length)..];
                int keyEnd = rest.IndexOf('>');
                if (keyEnd < 0) break;
                string key = rest[..keyEnd].Trim().ToString();
                rest = rest[(keyEnd + 1)..];
                int valueEnd = rest.IndexOf(ParameterEnd, StringComparison.Ordinal);
                if (valueEnd < 0) valueEnd = NextTag(rest);
                w.WritePropertyName(key);
                XmlArgs.WriteValue(w, Trim(rest[..valueEnd]));
                rest = rest[valueEnd..];
            }

            w.WriteEndObject();
        }

        if (name.Length == 0)
        {
            failure = "tool call has an empty function name";
            return false;
        }

        call = new ParsedCall(name, JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone());
        return true;
    }

    private static int NextTag(ReadOnlySpan<char> rest)
    {
        int a = rest.IndexOf(Parameter, StringComparison.Ordinal), b = rest.IndexOf(FunctionEnd, StringComparison.Ordinal);
        return a < 0 ? (b < 0 ? rest.Length : b) : (b < 0 ? a : Math.Min(a, b));
    }

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> value)
    {
        if (value.StartsWith("\n")) value = value[1..];
        if (value.EndsWith("\n")) value = value[..^1];
        return value;
    }
}
