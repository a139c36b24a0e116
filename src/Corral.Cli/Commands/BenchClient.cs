using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Corral.Api.Client;
using Corral.Api.Models;

namespace Corral.Cli.Commands;

/// <summary>Sends bench requests: raw streamed <c>/api/generate</c>, timed at the client, with the server's own timings.</summary>
internal sealed class BenchClient(CorralClient client, string model, BenchSettings settings)
{
    private static readonly JsonElement KeepAlive = JsonValues.KeepAlive("30m");

    /// <summary>Streams one request and returns its timings. <paramref name="numPredict"/> overrides the setting.</summary>
    public async Task<BenchSample> RunAsync(string prompt, int? numPredict, CancellationToken cancellationToken)
    {
        var request = new GenerateRequest
        {
            Model = model,
            Prompt = prompt,
            Raw = true,
            Stream = true,
            KeepAlive = KeepAlive,
            Options = Options(numPredict ?? settings.NumPredict),
        };
        var started = Stopwatch.GetTimestamp();
        long first = 0;
        GenerateResponse? last = null;
        await foreach (var chunk in client.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (first == 0)
            {
                first = Stopwatch.GetTimestamp();
            }

            last = chunk;
        }

        var done = Stopwatch.GetTimestamp();
        if (last is not { Done: true })
        {
            throw new CliException("the server ended the stream without a final line");
        }

        return new BenchSample(
            Stopwatch.GetElapsedTime(started, first).TotalMilliseconds, first, done,
            last.PromptEvalCount ?? 0, last.PromptEvalDuration ?? 0, last.PromptCacheCount ?? 0, last.EvalCount ?? 0, last.EvalDuration ?? 0);
    }

    /// <summary>Loads the model with the bench's options (one token) and returns the server's load time in ms.</summary>
    public async Task<double> WarmUpAsync(CancellationToken cancellationToken)
    {
        var request = new GenerateRequest
        {
            Model = model,
            Prompt = "Hello",
            Raw = true,
            Stream = false,
            KeepAlive = KeepAlive,
            Options = Options(1),
        };
        double loadMs = 0;
        await foreach (var chunk in client.GenerateAsync(request, cancellationToken).ConfigureAwait(false))
        {
            loadMs = Math.Max(loadMs, (chunk.LoadDuration ?? 0) / 1e6);
        }

        return loadMs;
    }

    private Dictionary<string, JsonElement> Options(int numPredict)
    {
        var options = new Dictionary<string, JsonElement>(StringComparer.Ordinal)
        {
            ["num_predict"] = Number(numPredict),
            ["num_ctx"] = Number(settings.EffectiveContextLength),
            ["temperature"] = Number(0),
            ["seed"] = Number(42),
        };
        if (settings.Threads > 0)
        {
            options["num_thread"] = Number(settings.Threads);
        }

        return options;
    }

    private static JsonElement Number(int value)
    {
        using var document = JsonDocument.Parse(value.ToString(CultureInfo.InvariantCulture));
        return document.RootElement.Clone();
    }
}
