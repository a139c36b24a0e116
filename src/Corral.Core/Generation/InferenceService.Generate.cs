using System.Runtime.CompilerServices;
using Corral.Api.Models;
using Corral.Core.Deadlines;
using Corral.Core.Errors;
using Corral.Core.Models;
using Corral.Core.Prompting;
using Corral.Core.Scheduling;
using Corral.Core.Store;
using Corral.Inference;
using Corral.Prompting;
using Corral.Prompting.Output;

namespace Corral.Core.Generation;

public sealed partial class InferenceService
{
    /// <summary>Streams <c>/api/generate</c>. An empty prompt only loads the model (or unloads it with keep_alive 0).</summary>
    public async IAsyncEnumerable<GenerateResponse> GenerateAsync(
        GenerateRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var scope = DeadlineScope.Start(cancellationToken);
        var (model, facts) = Resolve(request.Model);
        if (request.Raw && (request.Template is not null || request.System is not null || request.Context is not null))
        {
            throw CorralException.BadRequest("raw mode does not support template, system, or context");
        }

        ValidateTopLogprobs(request.TopLogprobs);
        var template = request.Raw ? null : _prompts.Choose(model, facts, request.Template);
        var think = DefaultThink(template, ParseThink(request.Think));
        CheckThinking(model, template, think);
        if (request.Images is { Length: > 0 })
        {
            throw CorralException.BadRequest($"\"{model.DisplayName}\" does not support vision");
        }

        if (!string.IsNullOrEmpty(request.Suffix) && template?.Capabilities.Insert != true)
        {
            throw CorralException.BadRequest($"\"{model.DisplayName}\" does not support insert");
        }

        var options = OptionsResolver.Resolve(model.Parameters, request.Options);
        var grammar = Formats.GrammarFor(request.Format);
        var keepAlive = ParseKeepAlive(request.KeepAlive);
        var spec = SpecFor(model, facts, options);

        var input = GenerateInput(model, facts, request, think);
        if (request.DebugRenderOnly && template is not Prompting.BuiltInChatTemplate)
        {
            yield return DebugResponse(model, request.Raw ? request.Prompt ?? "" : PromptRenderer.Render(template!, input, runner: null));
            yield break;
        }

        if (string.IsNullOrEmpty(request.Prompt) && string.IsNullOrEmpty(request.Suffix))
        {
            yield return await LoadOrUnloadAsync(spec, keepAlive, model.DisplayName, scope);
            yield break;
        }

        await using var lease = await AcquireAsync(spec, keepAlive, scope);
        var runner = lease.Runner;
        var text = request.Raw ? request.Prompt! : PromptRenderer.Render(template!, input, runner);
        if (request.DebugRenderOnly)
        {
            yield return DebugResponse(model, text);
            yield break;
        }

        if (request.Context is { Length: > 0 } previous)
        {
            text = runner.Detokenize(previous) + text;
        }

        var contextLength = Math.Min(spec.Runner.ContextLength, runner.Info.ContextLength); // memory may have shrunk a default context
        var fit = PromptFit.Fit(Tokenize(runner, text), contextLength, options.NumKeep, request.Truncate ?? true);
        LogTruncation(model.DisplayName, fit, contextLength);
        var generation = BuildGeneration(fit, options, grammar, request.Logprobs, request.TopLogprobs, contextLength);

        var parser = template is null ? null : OutputParser.Create(template, text, toolsRequested: false, splitThinking: think?.Enabled != false);
        var schema = new SchemaCheck(request.Format);
        await foreach (var chunk in GenerateWithinAsync(lease, generation, scope, model.DisplayName))
        {
            var delta = parser is null ? new OutputDelta("", chunk.Text, [], null)
                : chunk.Text.Length > 0 ? parser.Push(chunk.Text) : OutputDelta.Empty;
            if (chunk.Done && parser is not null)
            {
                delta = OutputDeltas.Merge(delta, parser.Flush());
            }

            schema.Append(delta.Content);
            if (!chunk.Done)
            {
                if (OutputDeltas.HasOutput(delta) || chunk.Logprobs is not null)
                {
                    yield return new GenerateResponse
                    {
                        Model = model.DisplayName,
                        CreatedAt = _time.GetUtcNow().UtcDateTime,
                        Response = delta.Content,
                        Thinking = delta.Thinking.Length > 0 ? delta.Thinking : null,
                        Logprobs = Logprobs.ToApi(chunk.Logprobs),
                    };
                }

                continue;
            }

            var stats = chunk.Stats ?? new GenerationStats();
            yield return WithMetrics(new GenerateResponse
            {
                Model = model.DisplayName,
                CreatedAt = _time.GetUtcNow().UtcDateTime,
                Response = delta.Content,
                Thinking = delta.Thinking.Length > 0 ? delta.Thinking : null,
                FormatError = schema.Check(),
                Logprobs = Logprobs.ToApi(chunk.Logprobs),
                Done = true,
                DoneReason = DoneReasonText(chunk.DoneReason),
                DoneStopSequence = chunk.StopSequence,
                Context = request.Raw ? null : [.. fit.Tokens, .. stats.GeneratedTokenIds],
            }, started, lease.LoadDuration, stats, fit);
        }
    }

    /// <summary>The prompt as a conversation: system (request or Modelfile), the Modelfile's MESSAGEs unless the deprecated
    /// <c>context</c> carries the history, then the prompt as a user turn.</summary>
    private static PromptInput GenerateInput(LocalModel model, ModelFacts facts, GenerateRequest request, ThinkSetting? think)
    {
        var messages = new List<Message>();
        if ((request.System ?? model.System) is { Length: > 0 } system)
        {
            messages.Add(new Message { Role = "system", Content = system });
        }

        if (request.Context is null)
        {
            messages.AddRange(model.Messages);
        }

        messages.Add(new Message { Role = "user", Content = request.Prompt ?? "" });
        return new PromptInput { Messages = messages, Suffix = request.Suffix, Think = think, Tokens = TokensOf(facts) };
    }

    private GenerateResponse DebugResponse(LocalModel model, string rendered) => new()
    {
        Model = model.DisplayName,
        CreatedAt = _time.GetUtcNow().UtcDateTime,
        Done = true,
        DebugInfo = new DebugInfo { RenderedTemplate = rendered },
    };

    private async Task<GenerateResponse> LoadOrUnloadAsync(LoadSpec spec, KeepAlive? keepAlive, string name, DeadlineScope scope)
    {
        if (keepAlive is { Duration: var d } && d == TimeSpan.Zero)
        {
            await _scheduler.UnloadAsync(spec.Key);
            return new GenerateResponse { Model = name, CreatedAt = _time.GetUtcNow().UtcDateTime, Done = true, DoneReason = "unload" };
        }

        await using (await AcquireAsync(spec, keepAlive, scope))
        {
        }

        return new GenerateResponse { Model = name, CreatedAt = _time.GetUtcNow().UtcDateTime, Done = true, DoneReason = "load" };
    }

    private static GenerationRequest BuildGeneration(
        PromptFit fit, ModelOptions options, string? grammar, bool logprobs, int? topLogprobs, int contextLength)
    {
        var room = contextLength - fit.Tokens.Length;
        var maxTokens = options.NumPredict > 0 ? Math.Min(options.NumPredict, room) : room;
        return new GenerationRequest
        {
            PromptTokens = fit.Tokens,
            Sampling = options.ToSampling(),
            MaxTokens = Math.Max(maxTokens, 1),
            Stop = options.Stop,
            Grammar = grammar,
            Logprobs = logprobs || topLogprobs > 0,
            TopLogprobs = topLogprobs ?? 0,
        };
    }

    private void LogTruncation(string model, PromptFit fit, int contextLength)
    {
        if (fit.TruncatedTokens > 0)
        {
            Log.PromptTruncated(_logger, model, fit.TruncatedTokens, contextLength);
        }
    }
}
