namespace Corral.Prompting.Output.ToolCallFormats;

/// <summary>
/// A trigger followed by a JSON object or array of calls, optionally closed by an end marker: Hermes/Qwen
/// <c>&lt;tool_call&gt;{...}&lt;/tool_call&gt;</c>, Llama 3.1 <c>&lt;|python_tag|&gt;{...}</c> or a bare
/// <c>{"name", "parameters"}</c> reply, Mistral <c>[TOOL_CALLS][{...}]</c>, Granite <c>&lt;|tool_call|&gt;[{...}]</c>
/// and Ollama's generic parser. Several calls may follow one trigger separated by <c>;</c> or whitespace.
/// </summary>
public sealed class JsonBlockFormat : ToolCallFormat
{
    private readonly string[] _triggers;
    private readonly string? _closer;
    private readonly bool _jsonAtStart;

    /// <summary>Creates a format.</summary>
    /// <param name="name">Diagnostic name.</param>
    /// <param name="triggers">Literals that start a call (may be empty when only <paramref name="jsonAtStart"/>).</param>
    /// <param name="closer">Optional literal that ends a call (e.g. <c>&lt;/tool_call&gt;</c>).</param>
    /// <param name="jsonAtStart">A bare JSON object/array at the start of the answer may be a call.</param>
    public JsonBlockFormat(string name, IEnumerable<string> triggers, string? closer, bool jsonAtStart)
    {
        Name = name;
        _triggers = triggers.Where(t => t.Length > 0).ToArray();
        _closer = string.IsNullOrEmpty(closer) ? null : closer;
        _jsonAtStart = jsonAtStart;
    }

    /// <inheritdoc/>
    public override string Name { get; }

    /// <inheritdoc/>
    public override IReadOnlyList<string> Triggers => _triggers;

    /// <inheritdoc/>
    public override bool JsonAtStart => _jsonAtStart;

    /// <summary>The end marker, if any.</summary>
    public string? Closer => _closer;

    /// <summary>The key the family writes the arguments under (Llama 3.1: <c>parameters</c>); used when a call is forced
    /// by grammar. The parser accepts either key.</summary>
    public string ArgumentsKey { get; init; } = "arguments";

    /// <summary>Whether the family writes its calls as a JSON array (Mistral, Granite); used when a call is forced.</summary>
    public bool CallsInArray { get; init; }

    internal override CallScan Scan(ReadOnlySpan<char> text, bool final, bool bareJson, JsonScanState? resume = null)
    {
        int pos = bareJson ? 0 : TriggerLength(text);
        var calls = new List<ParsedCall>();
        int lastEnd = 0;
        while (true)
        {
            pos = Markers.SkipWhitespace(text, pos);
            if (pos == text.Length) return final ? Fail(text, text.Length, bareJson, "tool call has no JSON after its marker") : CallScan.NeedMore;
            if (!JsonScan.IsOpen(text[pos])) return NoJson(text, pos, final, bareJson);
            int end = JsonScan.FindEnd(text, pos, resume);
            if (end < 0) return final ? Fail(text, text.Length, bareJson, "tool call JSON is incomplete") : CallScan.NeedMore;
            var read = CallJson.TryRead(text[pos..end], out var failure, out bool looksLikeCall);
            if (read == null)
            {
                if (calls.Count > 0) return CallScan.Done(lastEnd, calls);
                if (bareJson && !looksLikeCall) return CallScan.NotACall(end);
                int c = _closer == null ? -1 : text[end..].IndexOf(_closer, StringComparison.Ordinal);
                return CallScan.Failed(c >= 0 ? end + c + _closer!.Length : end, failure!);
            }

            calls.AddRange(read);
            lastEnd = end;
            int after = Markers.SkipWhitespace(text, end);
            if (after == text.Length && !final) return CallScan.NeedMore;
            if (_closer != null)
            {
                var rest = text[after..];
                if (rest.StartsWith(_closer, StringComparison.Ordinal)) return CallScan.Done(after + _closer.Length, calls);
                if (!final && Markers.IsPrefixOf(rest, _closer)) return CallScan.NeedMore;
            }

            int next = after < text.Length && text[after] == ';' ? Markers.SkipWhitespace(text, after + 1) : after;
            if (next == text.Length && !final) return CallScan.NeedMore;
            if (next < text.Length && JsonScan.IsOpen(text[next]))
            {
                pos = next;
                continue;
            }

            return CallScan.Done(end, calls);
        }
    }

    private CallScan NoJson(ReadOnlySpan<char> text, int pos, bool final, bool bareJson)
    {
        if (_closer == null) return Fail(text, pos, bareJson, "tool call marker is not followed by JSON");
        int c = text[pos..].IndexOf(_closer, StringComparison.Ordinal);
        if (c < 0) return final ? Fail(text, text.Length, bareJson, "tool call marker is not followed by JSON") : CallScan.NeedMore;
        return Fail(text, pos + c + _closer.Length, bareJson, "tool call marker is not followed by JSON");
    }

    private static CallScan Fail(ReadOnlySpan<char> text, int consumed, bool bareJson, string reason) =>
        bareJson ? CallScan.NotACall(Math.Max(consumed, 1)) : CallScan.Failed(Math.Max(consumed, 1), reason);

    private int TriggerLength(ReadOnlySpan<char> text)
    {
        foreach (var t in _triggers)
        {
            if (text.StartsWith(t, StringComparison.Ordinal)) return t.Length;
        }

        return 0;
    }
}
