namespace Corral.Prompting.Jinja;

/// <summary>
/// Derives a Jinja chat template's capabilities from its text, with Ollama's rules (text contains <c>tools</c> or
/// <c>tool_call</c> ⇒ tools; <c>&lt;think&gt;</c> and <c>&lt;/think&gt;</c> ⇒ thinking) widened to the other
/// reasoning delimiters vendor templates use (Seed-OSS, MiniMax, Cohere, Mistral, gpt-oss's analysis channel,
/// Gemma 4, Apriel, Solar, Apertus) and to templates that take <c>reasoning_content</c>, <c>enable_thinking</c> or
/// <c>reasoning_effort</c>. Jinja templates have no fill-in-the-middle input, so Insert is always false.
/// </summary>
public static class JinjaCapabilityDetector
{
    private static readonly string[] ThinkingVariables = ["reasoning_content", "enable_thinking", "reasoning_effort"];

    /// <summary>Capabilities of the template text <paramref name="source"/>.</summary>
    public static TemplateCapabilities Detect(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var tools = source.Contains("tools", StringComparison.Ordinal) || source.Contains("tool_call", StringComparison.Ordinal);
        var markers = ThinkingMarkers.Find(source);
        var thinking = markers is not null || Array.Exists(ThinkingVariables, v => source.Contains(v, StringComparison.Ordinal));
        return new TemplateCapabilities
        {
            Tools = tools,
            Thinking = thinking,
            Insert = false,
            ThinkingOpenTag = markers?.Open,
            ThinkingCloseTag = markers?.Close,
        };
    }
}
