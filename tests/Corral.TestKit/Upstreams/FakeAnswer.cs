namespace Corral.TestKit.Upstreams;

/// <summary>What <see cref="FakeUpstream"/> answers when no fault is queued.</summary>
public sealed record FakeAnswer
{
    public string Text { get; init; } = "Hello from the fake upstream.";

    /// <summary>Streamed before the text (Anthropic thinking block, OpenAI <c>reasoning_content</c>).</summary>
    public string? Thinking { get; init; }

    /// <summary>Streamed after the text, its arguments in <see cref="ArgumentFragments"/> pieces.</summary>
    public FakeToolCall? ToolCall { get; init; }

    /// <summary>The whole prompt (Anthropic's <c>input_tokens</c> is this minus <see cref="CachedTokens"/>).</summary>
    public int InputTokens { get; init; } = 12;

    public int OutputTokens { get; init; } = 7;

    public int CachedTokens { get; init; }

    /// <summary>Stop for length (<c>max_tokens</c> / <c>length</c>) instead of a natural end.</summary>
    public bool StopForLength { get; init; }

    /// <summary>Characters per text delta; 0 = one delta per word (with its trailing space).</summary>
    public int CharsPerDelta { get; init; }

    /// <summary>How many <c>input_json_delta</c> / argument fragments the tool call's arguments are cut into.</summary>
    public int ArgumentFragments { get; init; } = 3;

    /// <summary>Pause before every event after the first (simulated decode speed).</summary>
    public TimeSpan TokenDelay { get; init; }

    /// <summary>The text cut into deltas as it will be streamed.</summary>
    public IReadOnlyList<string> TextDeltas() => Split(Text, CharsPerDelta);

    internal static List<string> Split(string text, int size)
    {
        var pieces = new List<string>();
        if (size > 0)
        {
            for (var i = 0; i < text.Length; i += size)
            {
                pieces.Add(text.Substring(i, Math.Min(size, text.Length - i)));
            }

            return pieces;
        }

        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] != ' ' && text[i - 1] == ' '))
            {
                pieces.Add(text[start..i]);
                start = i;
            }
        }

        return pieces;
    }
}

/// <summary>A tool call in a scripted answer; <paramref name="ArgumentsJson"/> is a JSON object.</summary>
public sealed record FakeToolCall(string Name, string ArgumentsJson, string? Id = null);
