using System.Text.Json.Serialization;

namespace Corral.Cli.Commands;

/// <summary>Median, minimum and maximum of one measured quantity over the runs.</summary>
internal sealed record BenchStat(double Median, double Min, double Max)
{
    public static BenchStat Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new BenchStat(0, 0, 0);
        }

        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new BenchStat(median, sorted[0], sorted[^1]);
    }
}

/// <summary>One streamed request as the client and the server saw it.</summary>
/// <param name="TimeToFirstTokenMs">From sending the request to the first streamed line, at the client.</param>
/// <param name="FirstTokenAt">Client timestamp (Stopwatch ticks) of the first line.</param>
/// <param name="DoneAt">Client timestamp (Stopwatch ticks) of the final line.</param>
/// <param name="PromptEvalCount">Server: prompt tokens computed.</param>
/// <param name="PromptEvalDurationNs">Server: time computing them.</param>
/// <param name="PromptCacheCount">Server: prompt tokens reused from the cache.</param>
/// <param name="EvalCount">Server: tokens generated.</param>
/// <param name="EvalDurationNs">Server: time generating them.</param>
internal sealed record BenchSample(
    double TimeToFirstTokenMs, long FirstTokenAt, long DoneAt,
    int PromptEvalCount, long PromptEvalDurationNs, int PromptCacheCount, int EvalCount, long EvalDurationNs)
{
    public double PromptTokensPerSecond => PromptEvalDurationNs > 0 ? PromptEvalCount / (PromptEvalDurationNs / 1e9) : 0;

    public double GenerationTokensPerSecond => EvalDurationNs > 0 ? EvalCount / (EvalDurationNs / 1e9) : 0;
}

/// <summary>Results at one concurrency level.</summary>
/// <param name="Concurrency">Clients streaming at once.</param>
/// <param name="PromptTokens">Median prompt tokens the server evaluated per request.</param>
/// <param name="GeneratedTokens">Median tokens generated per request.</param>
/// <param name="PromptTokensPerSecond">Server-reported prompt rate per request.</param>
/// <param name="GenerationTokensPerSecond">Server-reported generation rate of one stream.</param>
/// <param name="AggregateGenerationTokensPerSecond">All streams' generated tokens over the wall time from the first streamed token to the last final line.</param>
/// <param name="TimeToFirstTokenMs">Client-side time to first token.</param>
internal sealed record BenchLevel(
    int Concurrency, int PromptTokens, int GeneratedTokens,
    BenchStat PromptTokensPerSecond, BenchStat GenerationTokensPerSecond, BenchStat AggregateGenerationTokensPerSecond, BenchStat TimeToFirstTokenMs);

/// <summary>Time to first token of a prompt whose prefix is already cached, against the same prompt cold.</summary>
/// <param name="PrefixTokens">Tokens of the cold prompt, the prefix and its short question (server-reported
/// <c>prompt_eval_count</c>, which counts cached tokens too; median).</param>
/// <param name="CachedTokens">Tokens the server reported as reused for the warm request (median).</param>
/// <param name="ColdTimeToFirstTokenMs">Time to first token with nothing cached.</param>
/// <param name="WarmTimeToFirstTokenMs">Time to first token with the prefix cached.</param>
/// <param name="Ratio">Median warm TTFT over median cold TTFT.</param>
internal sealed record BenchPrefix(int PrefixTokens, int CachedTokens, BenchStat ColdTimeToFirstTokenMs, BenchStat WarmTimeToFirstTokenMs, double Ratio);

/// <summary>The whole bench result (<c>--json</c>).</summary>
internal sealed record BenchReport
{
    public required string Model { get; init; }

    public string? Synthetic { get; init; }

    public long? ModelSizeBytes { get; init; }

    public required int ContextLength { get; init; }

    /// <summary>Sequences the server decodes together for the model (<c>/api/ps</c>'s <c>parallel</c>); null when not reported.</summary>
    public int? Parallel { get; init; }

    public required int NumPredict { get; init; }

    public required int Runs { get; init; }

    public double LoadMs { get; init; }

    public required IReadOnlyList<BenchLevel> Levels { get; init; }

    public BenchPrefix? Prefix { get; init; }
}

/// <summary>Source-generated JSON for <c>corral bench --json</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
