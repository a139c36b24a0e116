using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Corral.Cli.Rendering;

namespace Corral.Cli.Commands;

/// <summary>
/// <c>corral bench [MODEL] [--synthetic SHAPE[:QUANT]]</c>: how fast a model runs here, measured through the running
/// server (started if needed). Prompt and generation tokens/s come from the server's own timings in the final NDJSON
/// line; time to first token is measured at the client; aggregate generation throughput is measured at each
/// <c>--concurrent</c> level. Every value is the median of <c>--runs</c> runs with min and max.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Measure prompt and generation speed, time to first token and concurrent throughput");
        var model = new Argument<string?>("MODEL") { Arity = ArgumentArity.ZeroOrOne, Description = "Model to bench (or use --synthetic)" };
        var synthetic = new Option<string?>("--synthetic")
        {
            Description = "Build, quantize and bench a random-weight model of a real shape: SHAPE[:QUANT], e.g. qwen2-0.5b:Q4_K_M (shapes: qwen2-0.5b, llama-1b, tiny)",
        };
        var vocab = new Option<string?>("--vocab") { Description = "Vocabulary GGUF for --synthetic (default ../shared/models/vocab/ggml-vocab-gpt-2.gguf)" };
        var concurrent = new Option<string[]>("--concurrent", "-n")
        {
            Description = "Concurrent clients, e.g. 1,4 (each level measured in turn)",
            AllowMultipleArgumentsPerToken = true,
        };
        var promptTokens = new Option<int>("--prompt-tokens") { Description = "Prompt length in tokens (about)", DefaultValueFactory = _ => 128 };
        var numPredict = new Option<int>("--num-predict") { Description = "Tokens to generate per request", DefaultValueFactory = _ => 128 };
        var runs = new Option<int>("--runs") { Description = "Measured runs per level (median, min, max)", DefaultValueFactory = _ => 3 };
        var prefix = new Option<int>("--prefix-tokens") { Description = "Also measure time to first token with a cached prefix of this many tokens against cold (0: skip)" };
        var numCtx = new Option<int>("--num-ctx") { Description = "Context per sequence (default: enough for the longest request, at least 2048)" };
        var threads = new Option<int>("--threads") { Description = "num_thread for the model (default: the server's choice)" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON" };
        command.Arguments.Add(model);
        foreach (var option in new Option[] { synthetic, vocab, concurrent, promptTokens, numPredict, runs, prefix, numCtx, threads, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => context.GuardAsync(() =>
        {
            var settings = new BenchSettings
            {
                Model = parseResult.GetValue(model),
                Synthetic = parseResult.GetValue(synthetic),
                Concurrency = BenchSettings.ParseConcurrency(parseResult.GetValue(concurrent) ?? []),
                PromptTokens = Positive(parseResult.GetValue(promptTokens), "--prompt-tokens"),
                NumPredict = Positive(parseResult.GetValue(numPredict), "--num-predict"),
                Runs = Positive(parseResult.GetValue(runs), "--runs"),
                PrefixTokens = NonNegative(parseResult.GetValue(prefix), "--prefix-tokens"),
                ContextLength = NonNegative(parseResult.GetValue(numCtx), "--num-ctx"),
                Threads = NonNegative(parseResult.GetValue(threads), "--threads"),
                Json = parseResult.GetValue(json),
            };
            return RunAsync(context, settings, parseResult.GetValue(vocab), cancellationToken);
        }, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, BenchSettings settings, string? vocab, CancellationToken cancellationToken)
    {
        if ((settings.Model is null) == (settings.Synthetic is null))
        {
            throw new CliException("give either a MODEL or --synthetic SHAPE[:QUANT]");
        }

        var console = context.Console;
        var client = await context.ConnectAsync(cancellationToken).ConfigureAwait(false);
        var model = settings.Model;
        long? size = null;
        if (settings.Synthetic is { } spec)
        {
            (model, var bytes) = await BenchSynthetic.PrepareAsync(context, client, spec, vocab, cancellationToken).ConfigureAwait(false);
            size = bytes;
        }

        var bench = new BenchClient(client, model!, settings);
        if (!settings.Json)
        {
            await console.Error.WriteLineAsync($"loading {model}").ConfigureAwait(false);
        }

        var loadMs = await bench.WarmUpAsync(cancellationToken).ConfigureAwait(false);
        var measure = new BenchMeasure(bench, settings);
        var levels = new List<BenchLevel>();
        foreach (var level in settings.Concurrency)
        {
            if (!settings.Json)
            {
                await console.Error.WriteLineAsync($"measuring {level} client(s) x {settings.Runs} runs").ConfigureAwait(false);
            }

            levels.Add(await measure.LevelAsync(level, cancellationToken).ConfigureAwait(false));
        }

        BenchPrefix? prefixResult = null;
        if (settings.PrefixTokens > 0)
        {
            if (!settings.Json)
            {
                await console.Error.WriteLineAsync($"measuring a {settings.PrefixTokens}-token prefix, cold and cached").ConfigureAwait(false);
            }

            prefixResult = await measure.PrefixAsync(cancellationToken).ConfigureAwait(false);
        }

        var ps = await client.PsAsync(cancellationToken).ConfigureAwait(false);
        var loaded = ps.Models.FirstOrDefault(m => IsNamed(m.Name, model!) || IsNamed(m.Model, model!));
        var report = new BenchReport
        {
            Model = model!,
            Synthetic = settings.Synthetic,
            ModelSizeBytes = size ?? loaded?.Size,
            ContextLength = loaded?.ContextLength ?? settings.EffectiveContextLength,
            Parallel = loaded?.Parallel,
            NumPredict = settings.NumPredict,
            Runs = settings.Runs,
            LoadMs = loadMs,
            Levels = levels,
            Prefix = prefixResult,
        };
        await console.Out.WriteAsync(settings.Json
            ? JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport) + Environment.NewLine
            : Render(report)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The human-readable table.</summary>
    internal static string Render(BenchReport report)
    {
        var size = report.ModelSizeBytes is { } b ? $" ({HumanFormat.Bytes(b)})" : "";
        var parallel = report.Parallel is { } sequences ? string.Create(CultureInfo.InvariantCulture, $", {sequences} parallel") : "";
        var header = string.Create(CultureInfo.InvariantCulture,
            $"{report.Model}{size}: num_ctx {report.ContextLength}{parallel}, {report.NumPredict} tokens per request, {report.Runs} runs, median [min-max]\n\n");
        var rows = report.Levels.Select(l => (IReadOnlyList<string>)
        [
            l.Concurrency.ToString(CultureInfo.InvariantCulture),
            l.PromptTokens.ToString(CultureInfo.InvariantCulture),
            Format(l.PromptTokensPerSecond, "F1"),
            Format(l.GenerationTokensPerSecond, "F1"),
            Format(l.AggregateGenerationTokensPerSecond, "F1"),
            Format(l.TimeToFirstTokenMs, "F0"),
        ]).ToList();
        var table = new TableRenderer { MaxColumnWidth = 40 }.Render(
            ["CLIENTS", "PROMPT", "PROMPT TOK/S", "GEN TOK/S (STREAM)", "GEN TOK/S (ALL)", "TTFT MS"], rows);
        var text = header + table;
        if (report.Levels.FirstOrDefault(l => l.Concurrency == 1) is { } one)
        {
            foreach (var level in report.Levels.Where(l => l.Concurrency > 1 && one.AggregateGenerationTokensPerSecond.Median > 0))
            {
                text += string.Create(CultureInfo.InvariantCulture,
                    $"\n{level.Concurrency} clients: {level.AggregateGenerationTokensPerSecond.Median / one.AggregateGenerationTokensPerSecond.Median:F2}x the single-stream rate");
            }
        }

        if (report.Prefix is { } p)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $"\nprefix of {p.PrefixTokens} tokens: time to first token cold {Format(p.ColdTimeToFirstTokenMs, "F0")} ms, cached {Format(p.WarmTimeToFirstTokenMs, "F0")} ms ({p.CachedTokens} tokens reused), ratio {p.Ratio:F3}");
        }

        return text.EndsWith('\n') ? text : text + "\n";
    }

    /// <summary>Whether <paramref name="listed"/> (as <c>/api/ps</c> names it, always tagged) is the model the user asked
    /// for, where a name without a tag means <c>:latest</c>.</summary>
    internal static bool IsNamed(string listed, string asked) =>
        listed == asked || (!asked[(asked.LastIndexOf('/') + 1)..].Contains(':') && listed == asked + ":latest");

    private static string Format(BenchStat stat, string format) => string.Create(CultureInfo.InvariantCulture,
        $"{stat.Median.ToString(format, CultureInfo.InvariantCulture)} [{stat.Min.ToString(format, CultureInfo.InvariantCulture)}-{stat.Max.ToString(format, CultureInfo.InvariantCulture)}]");

    private static int Positive(int value, string name) => value > 0 ? value : throw new CliException($"{name} must be a positive integer");

    private static int NonNegative(int value, string name) => value >= 0 ? value : throw new CliException($"{name} must not be negative");
}
