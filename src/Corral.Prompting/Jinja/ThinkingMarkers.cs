namespace Corral.Prompting.Jinja;

/// <summary>The reasoning delimiters vendor chat templates write, in the order they are looked for. A template
/// matches a pair when its text contains both literals.</summary>
internal static class ThinkingMarkers
{
    /// <summary>One reasoning delimiter pair: the text that opens reasoning in the model's output and the text that
    /// closes it; <paramref name="Probe"/> is what the template text must contain besides the close tag
    /// (the open tag itself unless it is built at render time).</summary>
    public sealed record Pair(string Open, string Close, string Probe);

    public static IReadOnlyList<Pair> All { get; } =
    [
        new("<think>", "</think>", "<think>"),                                    // Qwen3, DeepSeek-R1, GLM, Kimi, ...
        new("<seed:think>", "</seed:think>", "<seed:think>"),                     // ByteDance Seed-OSS
        new("<mm:think>", "</mm:think>", "<mm:think>"),                           // MiniMax-M3
        new("<|START_THINKING|>", "<|END_THINKING|>", "<|START_THINKING|>"),      // Cohere Command R7B / A
        new("[THINK]", "[/THINK]", "[THINK]"),                                    // Ministral / Magistral
        new("<|channel|>analysis<|message|>", "<|end|>", "<|channel|>analysis"),  // gpt-oss (harmony)
        new("<|channel>thought", "<channel|>", "<|channel>thought"),              // Gemma 4
        new("Here are my reasoning steps:\n", "[BEGIN FINAL RESPONSE]", "Here are my reasoning steps:"), // Apriel 1.6
        new("<thinking>", "</thinking>", "<thinking>"),                           // Apriel 1.5
        new("<|think|>", "<|end|>", "<|begin|>assistant<|think|>"),               // Upstage Solar Open
        new("<|inner_prefix|>", "<|inner_suffix|>", "<|inner_prefix|>"),          // Apertus
    ];

    /// <summary>The first pair whose literals appear in <paramref name="source"/>, or null.</summary>
    public static Pair? Find(string source)
    {
        foreach (var pair in All)
        {
            if (source.Contains(pair.Probe, StringComparison.Ordinal) && source.Contains(pair.Close, StringComparison.Ordinal))
            {
                return pair;
            }
        }

        return null;
    }
}
