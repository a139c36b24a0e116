namespace Corral.Prompting.Output.ToolCallFormats;

/// <summary>
/// A trigger, the function name, a separator, then the JSON arguments, optionally closed by an end marker:
/// Mistral's newer <c>[TOOL_CALLS]name[ARGS]{...}</c>, Functionary v3.1 <c>&lt;function=name&gt;{...}&lt;/function&gt;</c>,
/// DeepSeek V3.1+ <c>&lt;｜tool▁call▁begin｜&gt;name&lt;｜tool▁sep｜&gt;{...}&lt;｜tool▁call▁end｜&gt;</c> (and V3's
/// <c>function&lt;｜tool▁sep｜&gt;name\n```json\n{...}\n```</c>). <paramref name="wrappers"/> are markers around a group
/// of calls that carry none themselves and are dropped.
/// </summary>
/// <param name="name">Diagnostic name.</param>
/// <param name="trigger">Literal before the function name.</param>
/// <param name="separator">Literal between the name and the arguments.</param>
/// <param name="closer">Optional literal after the arguments.</param>
/// <param name="wrappers">Group markers to drop (e.g. <c>&lt;｜tool▁calls▁begin｜&gt;</c>).</param>
public sealed class NamedArgsFormat(string name, string trigger, string separator, string? closer, params string[] wrappers) : ToolCallFormat
{
    private const int MaxNameLength = 256;
    private readonly string[] _triggers = [trigger, .. wrappers];

    /// <inheritdoc/>
    public override string Name { get; } = name;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Triggers => _triggers;

    /// <summary>Maps the name as written to the function name (Kimi writes <c>functions.NAME:INDEX</c>).</summary>
    public Func<string, string>? NameNormalizer { get; init; }

    /// <summary>The inverse of <see cref="NameNormalizer"/>: how the first call's name is written (used when a call is forced).</summary>
    public Func<string, string>? NameWriter { get; init; }

    /// <summary>The literal before the function name.</summary>
    public string Trigger => trigger;

    /// <summary>The literal between the name and the JSON arguments.</summary>
    public string Separator => separator;

    /// <summary>The literal after the arguments, if any.</summary>
    public string? Closer => closer;

    /// <summary>Group markers around the calls (opening first), if the family writes them.</summary>
    public IReadOnlyList<string> Wrappers => wrappers;

    internal override CallScan Scan(ReadOnlySpan<char> text, bool final, bool bareJson, JsonScanState? resume = null)
    {
        foreach (var w in wrappers)
        {
            if (text.StartsWith(w, StringComparison.Ordinal)) return CallScan.Done(w.Length, []);
        }

        int sep = text.IndexOf(separator, StringComparison.Ordinal);
        if (sep < 0)
        {
            bool hopeless = text.Length > trigger.Length + MaxNameLength + separator.Length;
            return final || hopeless ? Failed(text, final ? text.Length : trigger.Length, "tool call has no arguments separator") : CallScan.NeedMore;
        }

        string fn = text[trigger.Length..sep].Trim().ToString();
        int pos = Markers.SkipWhitespace(text, sep + separator.Length);
        if (pos == text.Length) return final ? Failed(text, pos, "tool call has no arguments") : CallScan.NeedMore;
        bool fenced = false;
        if (text[pos] != '{')
        {
            // DeepSeek V3: "function<｜tool▁sep｜>name\n```json\n{...}\n```"
            int nl = text[pos..].IndexOf('\n');
            if (nl < 0) return final ? Failed(text, text.Length, "tool call has no JSON arguments") : CallScan.NeedMore;
            fn = text.Slice(pos, nl).Trim().ToString();
            pos = Markers.SkipWhitespace(text, pos + nl);
            if (!final && Markers.IsPrefixOf(text[pos..], "```")) return CallScan.NeedMore;
            if (text[pos..].StartsWith("```", StringComparison.Ordinal))
            {
                fenced = true;
                int eol = text[pos..].IndexOf('\n');
                if (eol < 0) return final ? Failed(text, text.Length, "tool call has no JSON arguments") : CallScan.NeedMore;
                pos = Markers.SkipWhitespace(text, pos + eol);
            }

            if (pos == text.Length) return final ? Failed(text, pos, "tool call has no JSON arguments") : CallScan.NeedMore;
            if (text[pos] != '{') return Failed(text, pos, "tool call arguments are not a JSON object");
        }

        int end = JsonScan.FindEnd(text, pos, resume);
        if (end < 0) return final ? Failed(text, text.Length, "tool call arguments are incomplete") : CallScan.NeedMore;
        if (NameNormalizer != null) fn = NameNormalizer(fn);
        if (fn.Length == 0) return Failed(text, end, "tool call has no name");
        var parsed = ParseJson(text[pos..end], out var error);
        if (error != null) return Failed(text, end, error);
        if (!CallJson.TryArguments(parsed, out var args, out var failure)) return Failed(text, end, failure!);

        return Finish(text, end, fenced, final, new ParsedCall(fn, args));
    }

    private CallScan Finish(ReadOnlySpan<char> text, int end, bool fenced, bool final, ParsedCall call)
    {
        int after = Markers.SkipWhitespace(text, end);
        if (fenced && !final && Markers.IsPrefixOf(text[after..], "```")) return CallScan.NeedMore;
        if (fenced && text[after..].StartsWith("```", StringComparison.Ordinal)) after = Markers.SkipWhitespace(text, after + 3);
        if (closer == null) return CallScan.Done(end, [call]);
        var rest = text[after..];
        if (rest.StartsWith(closer, StringComparison.Ordinal)) return CallScan.Done(after + closer.Length, [call]);
        if (!final && (rest.Length == 0 || Markers.IsPrefixOf(rest, closer))) return CallScan.NeedMore;
        return CallScan.Done(end, [call]);
    }

    private static System.Text.Json.JsonElement? ParseJson(ReadOnlySpan<char> json, out string? error)
    {
        error = null;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(json.ToString());
            return doc.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException e)
        {
            error = "tool call arguments are not valid JSON: " + e.Message;
            return null;
        }
    }

    private static CallScan Failed(ReadOnlySpan<char> text, int consumed, string reason) =>
        CallScan.Failed(Math.Clamp(consumed, 1, text.Length), reason);
}
