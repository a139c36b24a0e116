using System.Text.RegularExpressions;

namespace Corral.Prompting.Jinja;

/// <summary>What the context builder needs to know about a template's text, computed once at parse time.</summary>
/// <param name="UsesReasoningEffort">The template reads <c>reasoning_effort</c>.</param>
/// <param name="KnowsMaxEffort">The template compares <c>reasoning_effort</c> with <c>'max'</c>; otherwise the
/// <c>max</c> level is passed as <c>high</c> (Ollama: gpt-oss accepts only low/medium/high).</param>
/// <param name="DisabledEffort">The <c>reasoning_effort</c> value that turns thinking off, when the template has one
/// (Hunyuan's <c>no_think</c>, Cohere's <c>none</c>).</param>
/// <param name="EnabledDefaultEffort">The effort to pass when thinking is on without a level, for templates whose
/// own default is no thinking (Hunyuan defaults to <c>no_think</c>).</param>
/// <param name="CopyThinkingForToolCalls">gpt-oss (harmony) reads an assistant turn's reasoning from
/// <c>thinking</c>; llama.cpp copies <c>reasoning_content</c> there for turns that call tools.</param>
internal sealed partial record HfTemplateTraits(
    bool UsesReasoningEffort,
    bool KnowsMaxEffort,
    string? DisabledEffort,
    string? EnabledDefaultEffort,
    bool CopyThinkingForToolCalls)
{
    /// <summary>Derives the traits from the template text.</summary>
    public static HfTemplateTraits From(string source)
    {
        var usesEffort = source.Contains("reasoning_effort", StringComparison.Ordinal);
        var noThink = usesEffort && NoThinkEffort().IsMatch(source);
        var none = usesEffort && !noThink && NoneEffort().IsMatch(source);
        return new HfTemplateTraits(
            usesEffort,
            usesEffort && MaxEffort().IsMatch(source),
            noThink ? "no_think" : none ? "none" : null,
            noThink ? "high" : null,
            source.Contains("<|channel|>", StringComparison.Ordinal));
    }

    [GeneratedRegex("""reasoning_effort\s*=\s*['"]no_think['"]""")]
    private static partial Regex NoThinkEffort();

    [GeneratedRegex("""reasoning_effort\s*(\|\s*lower\s*)?==\s*['"]none['"]""")]
    private static partial Regex NoneEffort();

    [GeneratedRegex("""reasoning_effort\s*==\s*['"]max['"]""")]
    private static partial Regex MaxEffort();
}
