using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Corral.Bench.Decode;
using Corral.Inference;
using Corral.Inference.LlamaSharp;

// Single-stream decode throughput, alternating in one run: (a) a plain LLamaSharp loop, (b) LlamaSharpRunner.GenerateAsync,
// (c) the same decode through a real Corral server on loopback (streamed /api/generate, timed at the client).
// With --concurrent N: (d) aggregate throughput of N concurrent streams on one runner (continuous batching) vs one stream.
// usage: Corral.Bench.Decode <model.gguf> [tokens=128] [repetitions=5] [--threads N] [--concurrent N] [--json]
var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
var json = args.Contains("--json");
var threadsAt = Array.IndexOf(args, "--threads");
if (threadsAt >= 0)
{
    positional.Remove(args[threadsAt + 1]);
}

var concurrentAt = Array.IndexOf(args, "--concurrent");
if (concurrentAt >= 0)
{
    positional.Remove(args[concurrentAt + 1]);
}

if (Array.IndexOf(args, "--vocab") is var vocabAt and >= 0)
{
    positional.Remove(args[vocabAt + 1]);
}

if (positional.Count < 1)
{
    Console.Error.WriteLine("usage: Corral.Bench.Decode <model.gguf>|synthetic [tokens=128] [repetitions=5] [--threads N] [--concurrent N] [--json]");
    return 2;
}

// "synthetic" writes a GPT-2-small-sized llama (768 wide, 12 layers, F16, 32k SPM vocab; ~134M parameters) with
// random weights: a token costs milliseconds, as with real models, and greedy decoding never stops early.
var modelPath = positional[0] == "synthetic" ? SyntheticModel.Write(args.Contains("--vocab") ? args[Array.IndexOf(args, "--vocab") + 1] : null) : Path.GetFullPath(positional[0]);
var tokens = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 128;
var repetitions = positional.Count > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : 5;
var threads = threadsAt >= 0 ? int.Parse(args[threadsAt + 1], CultureInfo.InvariantCulture) : PhysicalCores.Count;
var contextLength = Math.Max(512, tokens + 64);
if (concurrentAt >= 0)
{
    return ConcurrentLoop.Run(modelPath, int.Parse(args[concurrentAt + 1], CultureInfo.InvariantCulture), tokens, repetitions, threads, json);
}

// Everything below runs synchronously on the main thread: llama.cpp's CPU backend uses OpenMP, whose thread team
// belongs to the calling thread, so the plain loop must always call from the same thread (as the runner's dedicated
// decode thread does) or it pays for new teams. Load through the factory first: it configures the native library
// (CORRAL_LLAMA_LIBRARY, quiet logs) for both loops.
var runner = new LlamaSharpRunnerFactory().LoadAsync(
    new RunnerLoadRequest { ModelPath = modelPath, ContextLength = contextLength, Threads = threads }, null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
using var plain = new PlainLoop(modelPath, contextLength, threads);
const string PromptText = "Once upon a time, there was a little";
var prompt = runner.Tokenize(PromptText, addSpecial: true, parseSpecial: false);
using var http = HttpLoop.Start(modelPath, contextLength);
var sampling = new SamplingOptions { Temperature = 0, RepeatPenalty = 1 };

(int Tokens, TimeSpan Elapsed) RunRunner(int max) => RunRunnerAsync(max).GetAwaiter().GetResult();

async Task<(int Tokens, TimeSpan Elapsed)> RunRunnerAsync(int max)
{
    var request = new GenerationRequest { PromptTokens = prompt, MaxTokens = max, Sampling = sampling };
    var start = Stopwatch.GetTimestamp();
    GenerationStats? stats = null;
    await foreach (var chunk in runner.GenerateAsync(request, CancellationToken.None))
    {
        stats = chunk.Stats ?? stats;
    }

    var wall = Stopwatch.GetElapsedTime(start);
    return (stats!.GeneratedTokens, wall - stats.PromptDuration);
}

// Warm-up both paths (page in weights, build compute graphs); also learn how many tokens greedy decoding yields
// before an end-of-generation token, so both loops decode exactly the same count.
var (runnerTokens, _) = RunRunner(tokens);
plain.Run(prompt, runnerTokens);
http.Run(PromptText, runnerTokens, contextLength);
var count = Math.Max(1, runnerTokens - 1); // the runner decodes one token fewer than it samples

var rows = new List<Row>();
for (var rep = 0; rep < repetitions; rep++)
{
    Thread.Sleep(300); // let the other loops' worker threads stop spinning
    var plainTime = plain.Run(prompt, count);
    Thread.Sleep(300);
    var (generated, runnerTime) = RunRunner(runnerTokens);
    Thread.Sleep(300);
    var (served, httpTime) = http.Run(PromptText, runnerTokens, contextLength);
    rows.Add(new Row(rep + 1, count / plainTime.TotalSeconds, (generated - 1) / runnerTime.TotalSeconds, (served - 1) / httpTime.TotalSeconds));
}

var plainMedian = Median(rows.Select(r => r.PlainTokensPerSecond));
var runnerMedian = Median(rows.Select(r => r.RunnerTokensPerSecond));
var httpMedian = Median(rows.Select(r => r.HttpTokensPerSecond));
var summary = new Summary(Path.GetFileName(modelPath), threads, count, repetitions, plainMedian, runnerMedian, httpMedian,
    runnerMedian / plainMedian, httpMedian / plainMedian, rows);

if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true }));
}
else
{
    Console.WriteLine($"model {summary.Model}, threads {threads}, {count} decoded tokens per run, {repetitions} runs (alternating)");
    Console.WriteLine($"{"run",4} {"(a) plain tok/s",16} {"(b) runner tok/s",17} {"(c) http tok/s",15} {"(b)/(a)",8} {"(c)/(a)",8}");
    foreach (var row in rows)
    {
        Console.WriteLine($"{row.Run,4} {row.PlainTokensPerSecond,16:F1} {row.RunnerTokensPerSecond,17:F1} {row.HttpTokensPerSecond,15:F1} {row.RunnerTokensPerSecond / row.PlainTokensPerSecond,8:F3} {row.HttpTokensPerSecond / row.PlainTokensPerSecond,8:F3}");
    }

    Console.WriteLine($"{"med",4} {plainMedian,16:F1} {runnerMedian,17:F1} {httpMedian,15:F1} {summary.RunnerRatio,8:F3} {summary.HttpRatio,8:F3}");
}

runner.DisposeAsync().AsTask().GetAwaiter().GetResult();
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

internal sealed record Row(int Run, double PlainTokensPerSecond, double RunnerTokensPerSecond, double HttpTokensPerSecond);

internal sealed record Summary(
    string Model, int Threads, int DecodedTokens, int Repetitions, double PlainTokensPerSecond, double RunnerTokensPerSecond,
    double HttpTokensPerSecond, double RunnerRatio, double HttpRatio, IReadOnlyList<Row> Runs);
