using System.Diagnostics;
using System.Text.Json;
using Corral.Inference;
using Corral.Inference.LlamaSharp;

namespace Corral.Bench.Decode;

/// <summary>
/// (d) aggregate decode throughput of N concurrent <c>GenerateAsync</c> streams on one runner loaded with
/// <c>Parallel = N</c> (continuous batching: one <c>llama_decode</c> per step for all streams), against one stream on
/// the same runner, alternating in one run. Each stream has its own prompt and greedy sampler and decodes exactly
/// <c>tokens</c> tokens (the synthetic model never stops early).
/// </summary>
internal static class ConcurrentLoop
{
    private static readonly string[] Prompts =
    [
        "Once upon a time, there was a little", "The old man walked down to the", "In the morning the children went",
        "She opened the door and saw a", "A long time ago in a small town", "The dog ran across the big green",
        "After the rain stopped, the birds", "Tom found a shiny red ball in the",
    ];

    public static int Run(string modelPath, int streams, int tokens, int repetitions, int threads, bool json)
    {
        var contextLength = Math.Max(256, tokens + 64);
        var runner = new LlamaSharpRunnerFactory().LoadAsync(
            new RunnerLoadRequest { ModelPath = modelPath, ContextLength = contextLength, Parallel = streams, Threads = threads }, null, CancellationToken.None)
            .AsTask().GetAwaiter().GetResult();
        var sampling = new SamplingOptions { Temperature = 0, RepeatPenalty = 1 };
        var requests = Enumerable.Range(0, streams).Select(i => new GenerationRequest
        {
            PromptTokens = runner.Tokenize(Prompts[i % Prompts.Length], addSpecial: true, parseSpecial: false),
            MaxTokens = tokens,
            Sampling = sampling,
        }).ToArray();

        (int Tokens, TimeSpan Wall, double MeanTtftMs) Measure(int count)
        {
            var start = Stopwatch.GetTimestamp();
            var results = Task.WhenAll(requests.Take(count).Select(r => Task.Run(() => StreamAsync(runner, r, start)))).GetAwaiter().GetResult();
            var wall = Stopwatch.GetElapsedTime(start);
            return (results.Sum(r => r.Tokens), wall, results.Average(r => r.Ttft.TotalMilliseconds));
        }

        Measure(1); // warm-up: page in weights, build graphs for both batch shapes
        Measure(streams);
        var rows = new List<ConcurrentRow>();
        for (var rep = 0; rep < repetitions; rep++)
        {
            Thread.Sleep(300);
            var single = Measure(1);
            Thread.Sleep(300);
            var many = Measure(streams);
            rows.Add(new ConcurrentRow(rep + 1, single.Tokens / single.Wall.TotalSeconds, many.Tokens / many.Wall.TotalSeconds,
                single.MeanTtftMs, many.MeanTtftMs));
        }

        var singleMedian = Median(rows.Select(r => r.SingleTokensPerSecond));
        var aggregateMedian = Median(rows.Select(r => r.AggregateTokensPerSecond));
        var summary = new ConcurrentSummary(Path.GetFileName(modelPath), threads, streams, tokens, repetitions, singleMedian, aggregateMedian,
            aggregateMedian / singleMedian, runner.Info.KvCacheTokens, runner.Info.KvCacheBytes, rows);
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
        }
        else
        {
            Console.WriteLine($"model {summary.Model}, threads {threads}, {streams} concurrent streams x {tokens} tokens vs 1 stream, {repetitions} runs (alternating)");
            Console.WriteLine($"KV pool: {summary.KvCacheTokens} cells, {summary.KvCacheBytes / (1024.0 * 1024):F1} MiB, shared by {streams} sequences");
            Console.WriteLine($"{"run",4} {"1 stream tok/s",15} {$"{streams} streams tok/s",17} {"ratio",7} {"ttft1 ms",9} {$"ttft{streams} ms",9}");
            foreach (var row in rows)
            {
                Console.WriteLine($"{row.Run,4} {row.SingleTokensPerSecond,15:F1} {row.AggregateTokensPerSecond,17:F1} {row.AggregateTokensPerSecond / row.SingleTokensPerSecond,7:F2} {row.SingleTtftMs,9:F1} {row.ConcurrentTtftMs,9:F1}");
            }

            Console.WriteLine($"{"med",4} {singleMedian,15:F1} {aggregateMedian,17:F1} {summary.Ratio,7:F2}");
        }

        runner.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }

    private static async Task<(int Tokens, TimeSpan Ttft)> StreamAsync(IModelRunner runner, GenerationRequest request, long start)
    {
        var ttft = TimeSpan.Zero;
        var generated = 0;
        await foreach (var chunk in runner.GenerateAsync(request, CancellationToken.None))
        {
            if (ttft == TimeSpan.Zero && chunk.TokenCount > 0)
            {
                ttft = Stopwatch.GetElapsedTime(start);
            }

            generated = chunk.Stats?.GeneratedTokens ?? generated;
        }

        return (generated, ttft);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

internal sealed record ConcurrentRow(int Run, double SingleTokensPerSecond, double AggregateTokensPerSecond, double SingleTtftMs, double ConcurrentTtftMs);

internal sealed record ConcurrentSummary(
    string Model, int Threads, int Streams, int TokensPerStream, int Repetitions, double SingleTokensPerSecond, double AggregateTokensPerSecond,
    double Ratio, int KvCacheTokens, long KvCacheBytes, IReadOnlyList<ConcurrentRow> Runs);
