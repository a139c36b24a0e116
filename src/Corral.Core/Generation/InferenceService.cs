using System.Text.Json;
using Corral.Api;
using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Core.Models;
using Corral.Core.Prompting;
using Corral.Core.Scheduling;
using Corral.Core.Store;
using Corral.Inference;
using Corral.Prompting;
using Microsoft.Extensions.Logging;

namespace Corral.Core.Generation;

/// <summary>
/// Runs native API requests against local models: resolves the model, merges options, acquires a runner from the
/// scheduler, renders and fits the prompt, and streams the runner's output as native response chunks.
/// </summary>
public sealed partial class InferenceService
{
    private readonly ModelStore _store;
    private readonly ModelScheduler _scheduler;
    private readonly ModelCatalog _catalog;
    private readonly CoreSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PromptRenderer _prompts;

    public InferenceService(
        ModelStore store, ModelScheduler scheduler, ModelCatalog catalog, PromptRenderer prompts, CoreSettings settings,
        TimeProvider time, ILogger<InferenceService> logger)
    {
        _prompts = prompts;
        _store = store;
        _scheduler = scheduler;
        _catalog = catalog;
        _settings = settings;
        _time = time;
        _logger = logger;
    }

    private (LocalModel Model, ModelFacts Facts) Resolve(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw CorralException.BadRequest("model is required");
        }

        var model = _store.Get(name);
        if (model.ModelPath is null)
        {
            throw CorralException.BadRequest($"\"{model.DisplayName}\" has no model weights");
        }

        return (model, _catalog.FactsFor(model));
    }

    /// <summary>
    /// The context a request to <paramref name="name"/> gets when it asks for none: the loaded model's when it is
    /// loaded (memory may have shrunk a default), else its Modelfile's <c>num_ctx</c>, <c>CORRAL_CONTEXT_LENGTH</c> or
    /// its trained context. Null for an unknown model or one without weights.
    /// </summary>
    public async Task<int?> ServedContextLengthAsync(string name)
    {
        try
        {
            var (model, facts) = Resolve(name);
            var loaded = (await _scheduler.SnapshotAsync()).FirstOrDefault(m => m.DisplayName == model.DisplayName);
            return loaded?.ContextLength ?? ContextLength(facts, OptionsResolver.Resolve(model.Parameters, null));
        }
        catch (CorralException)
        {
            return null;
        }
    }

    /// <summary>Puts <paramref name="name"/>'s keep-alive back to the server's default when it is loaded; never loads
    /// it. False when it is not loaded.</summary>
    public Task<bool> ResetKeepAliveAsync(string name)
    {
        var (model, _) = Resolve(name);
        return _scheduler.SetKeepAliveAsync(ModelCatalog.LoadKey(model), _settings.DefaultKeepAlive);
    }

    /// <summary>Context of a model whose GGUF does not say how long it was trained for.</summary>
    private const int FallbackContextLength = 8192;

    /// <summary>
    /// The context a request runs with: <c>num_ctx</c>, else <c>CORRAL_CONTEXT_LENGTH</c>, else the model's trained
    /// context; always capped at the trained context (the scheduler then shrinks a default one until it fits memory).
    /// </summary>
    private int ContextLength(ModelFacts facts, ModelOptions options)
    {
        var wanted = options.NumCtx
            ?? (_settings.DefaultContextLength > 0 ? _settings.DefaultContextLength
                : facts.TrainedContextLength > 0 ? facts.TrainedContextLength : FallbackContextLength);
        if (facts.TrainedContextLength > 0)
        {
            wanted = Math.Min(wanted, facts.TrainedContextLength);
        }

        return Math.Max(wanted, 4);
    }

    private LoadSpec SpecFor(LocalModel model, ModelFacts facts, ModelOptions options) => new()
    {
        Key = ModelCatalog.LoadKey(model),
        DisplayName = model.DisplayName,
        ManifestDigest = model.Stored.Digest,
        Details = facts.ToDetails(),
        ContextIsDefault = options.NumCtx is null,
        ParallelIsDefault = _settings.NumParallelIsDefault,
        Runner = new RunnerLoadRequest
        {
            ModelPath = model.ModelPath!,
            AdapterPath = model.AdapterPath,
            ContextLength = ContextLength(facts, options),
            Parallel = _settings.NumParallel,
            BatchSize = options.NumBatch,
            Threads = options.NumThread,
            GpuLayers = options.NumGpu,
            MainGpu = options.MainGpu,
            UseMmap = options.UseMmap,
        },
    };

    private static KeepAlive? ParseKeepAlive(JsonElement? value)
    {
        if (value is not { } v || v.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        try
        {
            var duration = v.ValueKind switch
            {
                JsonValueKind.Number => OllamaDuration.FromSeconds(v.GetDouble()),
                JsonValueKind.String => OllamaDuration.Parse(v.GetString()!),
                _ => throw new FormatException("expected a number of seconds or a duration string such as \"5m\""),
            };
            return duration.IsForever ? KeepAlive.Forever : KeepAlive.For(duration.Value);
        }
        catch (FormatException e)
        {
            throw CorralException.BadRequest($"invalid keep_alive: {e.Message}");
        }
    }

    private static void ValidateTopLogprobs(int? topLogprobs)
    {
        if (topLogprobs is < 0 or > 20)
        {
            throw CorralException.BadRequest("top_logprobs must be between 0 and 20");
        }
    }

    /// <summary><c>think</c>: true/false or a level; null when the request does not set it.</summary>
    private static ThinkSetting? ParseThink(JsonElement? think)
    {
        if (think is not { } t || t.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        return t.ValueKind switch
        {
            JsonValueKind.True => new ThinkSetting(true),
            JsonValueKind.False => new ThinkSetting(false),
            JsonValueKind.String => t.GetString() switch
            {
                "low" or "medium" or "high" or "max" => new ThinkSetting(true, t.GetString()),
                "true" => new ThinkSetting(true),
                "false" or "none" => new ThinkSetting(false),
                var other => throw CorralException.BadRequest($"invalid think value: \"{other}\" (use true, false, low, medium, high or max)"),
            },
            _ => throw CorralException.BadRequest("invalid think value: use true, false, low, medium, high or max"),
        };
    }

    /// <summary>
    /// A request that does not say <c>think</c> thinks when the template can (Ollama's default for thinking-capable
    /// models; the template then sees <c>.Think</c> true and <c>.IsThinkSet</c>, as in Ollama, which sets the value);
    /// an explicit setting, false included, is kept.
    /// </summary>
    private static ThinkSetting? DefaultThink(IPromptTemplate? template, ThinkSetting? think) =>
        think ?? (template?.Capabilities.Thinking == true ? new ThinkSetting(true) : null);

    /// <summary>Asking a model without a thinking template to think is a 400, as in Ollama; turning it off is fine.</summary>
    private static void CheckThinking(LocalModel model, IPromptTemplate? template, ThinkSetting? think)
    {
        if (think is { Enabled: true } && template?.Capabilities.Thinking != true)
        {
            throw CorralException.BadRequest($"\"{model.DisplayName}\" does not support thinking");
        }
    }

    private static SpecialTokens TokensOf(ModelFacts facts) => new(facts.BosToken, facts.EosToken);

    /// <summary>Tokenizes a rendered prompt (special-token text parsed as special tokens), without a doubled BOS.</summary>
    private static int[] Tokenize(IModelRunner runner, string prompt)
    {
        var tokens = runner.Tokenize(prompt, addSpecial: true, parseSpecial: true);
        if (tokens.Length >= 2 && runner.Info.AddsBos && tokens[0] == tokens[1])
        {
            return tokens[1..];
        }

        return tokens;
    }

    private static long Nanoseconds(TimeSpan span) => span.Ticks * 100;

    /// <summary>Fills the final chunk's counts and durations (the same for generate and chat).</summary>
    private T WithMetrics<T>(T response, long started, TimeSpan loadDuration, GenerationStats stats, PromptFit fit)
        where T : Metrics =>
        (T)((Metrics)response with
        {
            TotalDuration = Nanoseconds(_time.GetElapsedTime(started)),
            LoadDuration = Nanoseconds(loadDuration),
            PromptEvalCount = stats.PromptTokens,
            PromptEvalDuration = Nanoseconds(stats.PromptDuration),
            EvalCount = stats.GeneratedTokens,
            EvalDuration = Nanoseconds(stats.GenerationDuration),
            PromptCacheCount = stats.CachedPromptTokens > 0 ? stats.CachedPromptTokens : null,
            TruncatedTokens = fit.TruncatedTokens > 0 ? fit.TruncatedTokens : null,
        });

    /// <summary>Native <c>done_reason</c> of an answer the request's deadline cut short.</summary>
    public const string DeadlineDoneReason = "deadline";

    private static string DoneReasonText(DoneReason reason) => reason switch
    {
        DoneReason.Length or DoneReason.ContextFull => "length",
        DoneReason.Deadline => DeadlineDoneReason,
        _ => "stop",
    };
}
