using Corral.Api.Models;

namespace Corral.Prompting.Output;

/// <summary>
/// The whole output pipeline for one generation: generated pieces go through a <see cref="ThinkingSplitter"/> (when the
/// template has reasoning markers) and the answer text through a <see cref="ToolCallParser"/> (when the request has
/// tools), or, for gpt-oss, through a <see cref="HarmonyParser"/>. Drive it with <see cref="Push"/> for every decoded piece and <see cref="Flush"/> once at the end; stream each
/// non-empty <see cref="OutputDelta"/>. Not thread-safe: one instance per generation.
/// </summary>
public sealed class OutputParser
{
    private readonly ThinkingSplitter? _thinking;
    private readonly ToolCallParser? _tools;
    private readonly HarmonyParser? _harmony;

    /// <summary>Composes a pipeline from its parts; either may be null (no reasoning split / no tool parsing).</summary>
    public OutputParser(ThinkingSplitter? thinking, ToolCallParser? tools)
    {
        _thinking = thinking;
        _tools = tools;
    }

    /// <summary>A pipeline for gpt-oss harmony output, where channels carry reasoning, answer and calls at once.</summary>
    public OutputParser(HarmonyParser harmony)
    {
        ArgumentNullException.ThrowIfNull(harmony);
        _harmony = harmony;
    }

    /// <summary>The reasoning splitter, if any.</summary>
    public ThinkingSplitter? Thinking => _thinking;

    /// <summary>The tool call parser, if any.</summary>
    public ToolCallParser? Tools => _tools;

    /// <summary>
    /// Builds the pipeline for a template and the prompt it rendered. Reasoning is split when the template's
    /// capabilities name open and close markers, starting inside reasoning when the prompt ends with an open one;
    /// tool calls are parsed only when <paramref name="toolsRequested"/> (as Ollama does: without tools a JSON reply is
    /// just text) and the template's format is known. <paramref name="splitThinking"/> false (the request turned thinking
    /// off) leaves reasoning markers the model writes anyway in the content, as Ollama does; harmony always splits.
    /// </summary>
    public static OutputParser Create(IPromptTemplate template, string renderedPrompt, bool toolsRequested, Func<string>? newId = null,
        bool splitThinking = true)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (HarmonyParser.Matches(template.Source)) return new OutputParser(new HarmonyParser(newId));
        var caps = template.Capabilities;
        ThinkingSplitter? thinking = null;
        if (splitThinking && caps.ThinkingOpenTag is { Length: > 0 } open && caps.ThinkingCloseTag is { Length: > 0 } close)
        {
            thinking = new ThinkingSplitter(open, close, ThinkingSplitter.PromptOpensThinking(renderedPrompt, open, close));
        }

        var format = toolsRequested ? ToolCallFormat.Detect(template) : null;
        return new OutputParser(thinking, format == null ? null : new ToolCallParser(format, newId));
    }

    /// <summary>Consumes one decoded piece (any split, even inside a marker).</summary>
    public OutputDelta Push(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        if (_harmony != null) return _harmony.Push(piece);
        var split = _thinking?.Push(piece) ?? new ThinkingDelta("", piece);
        return Combine(split.Thinking, _tools?.Push(split.Content), split.Content);
    }

    /// <summary>Ends the stream and releases everything held back.</summary>
    public OutputDelta Flush()
    {
        if (_harmony != null) return _harmony.Flush();
        var split = _thinking?.Flush() ?? new ThinkingDelta("", "");
        if (_tools == null) return Combine(split.Thinking, null, split.Content);
        var a = _tools.Push(split.Content);
        var b = _tools.Flush();
        string? failure = a.ParseFailure == null ? b.ParseFailure : b.ParseFailure == null ? a.ParseFailure : a.ParseFailure + "; " + b.ParseFailure;
        IReadOnlyList<ToolCall> calls = a.ToolCalls.Count == 0 ? b.ToolCalls : [.. a.ToolCalls, .. b.ToolCalls];
        return Combine(split.Thinking, new ToolParseResult(a.Content + b.Content, calls, failure), "");
    }

    private static OutputDelta Combine(string thinking, ToolParseResult? tools, string content)
    {
        if (tools == null) return thinking.Length == 0 && content.Length == 0 ? OutputDelta.Empty : new(thinking, content, [], null);
        if (thinking.Length == 0 && ReferenceEquals(tools, ToolParseResult.Empty)) return OutputDelta.Empty;
        return new OutputDelta(thinking, tools.Content, tools.ToolCalls, tools.ParseFailure);
    }
}
