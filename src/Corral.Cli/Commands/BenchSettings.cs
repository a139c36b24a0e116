using System.Globalization;

namespace Corral.Cli.Commands;

/// <summary>What <c>corral bench</c> measures and how.</summary>
internal sealed record BenchSettings
{
    /// <summary>Model to bench (an existing model, or the one made for <see cref="Synthetic"/>).</summary>
    public string? Model { get; init; }

    /// <summary><c>SHAPE[:QUANT]</c> of a synthetic model to build and bench, or null.</summary>
    public string? Synthetic { get; init; }

    /// <summary>Concurrency levels to measure, e.g. 1 and 4.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [1];

    /// <summary>Approximate prompt length in tokens.</summary>
    public int PromptTokens { get; init; } = 128;

    /// <summary>Tokens to generate per request.</summary>
    public int NumPredict { get; init; } = 128;

    /// <summary>Measured runs per level (after one warm-up request).</summary>
    public int Runs { get; init; } = 3;

    /// <summary>Length of the shared prefix for the prefix-reuse measurement; 0 skips it.</summary>
    public int PrefixTokens { get; init; }

    /// <summary>Context per sequence sent as <c>num_ctx</c>; 0 lets the bench choose one that fits every request.</summary>
    public int ContextLength { get; init; }

    /// <summary>Threads (<c>num_thread</c>); 0 leaves the server's choice.</summary>
    public int Threads { get; init; }

    /// <summary>Write JSON instead of a table.</summary>
    public bool Json { get; init; }

    /// <summary>The <c>num_ctx</c> to request: large enough for the longest request, rounded up to 256.</summary>
    public int EffectiveContextLength
    {
        get
        {
            if (ContextLength > 0)
            {
                return ContextLength;
            }

            var longest = Math.Max(PromptTokens, PrefixTokens + 64) + NumPredict + 64;
            return Math.Max(2048, (longest + 255) / 256 * 256);
        }
    }

    /// <summary>Parses <c>1,4</c> (or <c>1 4</c>) into distinct positive levels in the order given.</summary>
    /// <exception cref="CliException">A level is not a positive integer.</exception>
    public static IReadOnlyList<int> ParseConcurrency(IEnumerable<string> values)
    {
        var levels = new List<int>();
        foreach (var part in values.SelectMany(v => v.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > 256)
            {
                throw new CliException($"invalid --concurrent value '{part}': use positive integers such as 1,4");
            }

            if (!levels.Contains(n))
            {
                levels.Add(n);
            }
        }

        return levels.Count > 0 ? levels : [1];
    }
}
