using Corral.Core.Errors;

namespace Corral.Core.Prompting;

/// <summary>The prompt tokens that will run, and how many were dropped to fit the context.</summary>
public readonly record struct PromptFit(int[] Tokens, int TruncatedTokens)
{
    /// <summary>
    /// Fits a tokenized prompt into <paramref name="contextLength"/>, leaving room to generate. With truncation on, the
    /// first <paramref name="numKeep"/> tokens and the most recent ones are kept and the middle is dropped (as llama.cpp
    /// does on overflow); with it off, an over-long prompt is a 400.
    /// </summary>
    public static PromptFit Fit(int[] tokens, int contextLength, int numKeep, bool truncate)
    {
        if (tokens.Length < contextLength)
        {
            return new PromptFit(tokens, 0);
        }

        if (!truncate)
        {
            throw CorralException.BadRequest(
                $"the prompt is longer than the context length ({tokens.Length} tokens, num_ctx {contextLength}); shorten it, raise num_ctx or allow truncation");
        }

        // Keep three quarters of the window for the prompt so there is room to answer.
        var budget = Math.Max(1, contextLength - Math.Max(1, contextLength / 4));
        var keep = Math.Clamp(numKeep, 0, budget / 2);
        var tail = budget - keep;
        var result = new int[budget];
        tokens.AsSpan(0, keep).CopyTo(result);
        tokens.AsSpan(tokens.Length - tail).CopyTo(result.AsSpan(keep));
        return new PromptFit(result, tokens.Length - budget);
    }
}
