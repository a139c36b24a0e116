using System.Runtime.CompilerServices;
using Corral.Api.Models;
using Corral.Core.Deadlines;
using Corral.Core.Errors;
using Corral.Core.Prompting;
using Corral.Core.Store;
using Corral.Inference;
using Corral.Prompting;
using Corral.Prompting.Output;

namespace Corral.Core.Generation;

public sealed partial class InferenceService
{
    private static readonly HashSet<string> Roles = new(StringComparer.Ordinal) { "system", "user", "assistant", "tool" };

    /// <summary>Streams <c>/api/chat</c>. No messages only loads the model (or unloads it with keep_alive 0).</summary>
    public async IAsyncEnumerable<ChatResponse> ChatAsync(ChatRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        using var scope = DeadlineScope.Start(cancellationToken);
        var (model, facts) = Resolve(request.Model);
        ValidateTopLogprobs(request.TopLogprobs);
        var template = _prompts.Choose(model, facts);
        var think = DefaultThink(template, ParseThink(request.Think));
        CheckThinking(model, template, think);
        if (request.Tools is { Length: > 0 } && !template.Capabilities.Tools)
        {
            throw CorralException.BadRequest($"{model.Name} does not support tools");
        }

        var forced = CheckToolChoice(request, template);
        var options = OptionsResolver.Resolve(model.Parameters, request.Options);
        var grammar = Formats.GrammarFor(request.Format);
        var keepAlive = ParseKeepAlive(request.KeepAlive);
        var spec = SpecFor(model, facts, options);

        if (request.Messages is not { Length: > 0 } && !request.DebugRenderOnly)
        {
            var loaded = await LoadOrUnloadAsync(spec, keepAlive, model.DisplayName, scope);
            yield return new ChatResponse { Model = loaded.Model, CreatedAt = loaded.CreatedAt, Done = true, DoneReason = loaded.DoneReason };
            yield break;
        }

        var input = new PromptInput
        {
            Messages = MergeMessages(model, request.Messages ?? []),
            Tools = request.Tools is { Length: > 0 } tools ? tools : null,
            Think = think,
            Tokens = TokensOf(facts),
        };
        if (request.DebugRenderOnly && template is not BuiltInChatTemplate)
        {
            yield return ChatDebug(model, PromptRenderer.Render(template, input, runner: null));
            yield break;
        }

        await using var lease = await AcquireAsync(spec, keepAlive, scope);
        var runner = lease.Runner;
        if (request.DebugRenderOnly)
        {
            yield return ChatDebug(model, PromptRenderer.Render(template, input, runner));
            yield break;
        }

        var contextLength = Math.Min(spec.Runner.ContextLength, runner.Info.ContextLength); // memory may have shrunk a default context
        var (fit, rendered) = FitChat(model, template, input, runner, contextLength, options.NumKeep, request.Truncate ?? true);
        LogTruncation(model.DisplayName, fit, contextLength);
        if (forced is not null)
        {
            grammar = ToolChoiceGrammar(forced, template, rendered, splitThinking: think?.Enabled != false);
        }

        var generation = BuildGeneration(fit, options, grammar, request.Logprobs, request.TopLogprobs, contextLength);
        var parser = OutputParser.Create(template, rendered, toolsRequested: input.Tools is not null, splitThinking: think?.Enabled != false);
        var schema = new SchemaCheck(request.Format);
        string? toolCallError = null;

        await foreach (var chunk in GenerateWithinAsync(lease, generation, scope, model.DisplayName))
        {
            var delta = chunk.Text.Length > 0 ? parser.Push(chunk.Text) : OutputDelta.Empty;
            if (chunk.Done)
            {
                delta = OutputDeltas.Merge(delta, parser.Flush());
            }

            toolCallError ??= delta.ParseFailure;
            schema.Append(delta.Content);
            if (!chunk.Done)
            {
                if (OutputDeltas.HasOutput(delta) || chunk.Logprobs is not null)
                {
                    yield return new ChatResponse
                    {
                        Model = model.DisplayName,
                        CreatedAt = _time.GetUtcNow().UtcDateTime,
                        Message = OutputDeltas.ToMessage(delta),
                        Logprobs = Logprobs.ToApi(chunk.Logprobs),
                    };
                }

                continue;
            }

            var stats = chunk.Stats ?? new GenerationStats();
            if (toolCallError is not null)
            {
                Log.ToolCallParseFailed(_logger, model.DisplayName, toolCallError);
            }

            yield return WithMetrics(new ChatResponse
            {
                Model = model.DisplayName,
                CreatedAt = _time.GetUtcNow().UtcDateTime,
                Message = OutputDeltas.ToMessage(delta),
                Logprobs = Logprobs.ToApi(chunk.Logprobs),
                Done = true,
                DoneReason = DoneReasonText(chunk.DoneReason),
                DoneStopSequence = chunk.StopSequence,
                ToolCallError = toolCallError,
                FormatError = schema.Check(),
            }, started, lease.LoadDuration, stats, fit);
        }
    }

    private ChatResponse ChatDebug(LocalModel model, string rendered) => new()
    {
        Model = model.DisplayName,
        CreatedAt = _time.GetUtcNow().UtcDateTime,
        Done = true,
        DebugInfo = new DebugInfo { RenderedTemplate = rendered },
    };

    /// <summary>Modelfile SYSTEM (unless the request starts with a system message), Modelfile MESSAGEs, then the request's.</summary>
    private static List<Message> MergeMessages(LocalModel model, Message[] requested)
    {
        var messages = new List<Message>(requested.Length + model.Messages.Count + 1);
        var normalized = new Message[requested.Length];
        for (var i = 0; i < requested.Length; i++)
        {
            var role = requested[i].Role?.ToLowerInvariant() ?? "";
            if (!Roles.Contains(role))
            {
                throw CorralException.BadRequest($"invalid message role '{requested[i].Role}' (use system, user, assistant or tool)");
            }

            if (requested[i].Images is { Length: > 0 })
            {
                throw CorralException.BadRequest($"\"{model.DisplayName}\" does not support vision");
            }

            normalized[i] = requested[i] with { Role = role, Content = requested[i].Content ?? "" };
        }

        if (!string.IsNullOrEmpty(model.System) && (normalized.Length == 0 || normalized[0].Role != "system"))
        {
            messages.Add(new Message { Role = "system", Content = model.System });
        }

        messages.AddRange(model.Messages);
        messages.AddRange(normalized);
        return messages;
    }

    /// <summary>
    /// Drops the oldest non-system messages until the rendered prompt fits (system messages and the last message are
    /// always kept, as Ollama does); if even that does not fit, the tokens are truncated like a generate prompt.
    /// The number of tokens dropped is reported either way.
    /// </summary>
    private (PromptFit Fit, string Rendered) FitChat(
        LocalModel model, IPromptTemplate template, PromptInput input, IModelRunner runner, int contextLength, int numKeep, bool truncate)
    {
        var rendered = PromptRenderer.Render(template, input, runner);
        var full = Tokenize(runner, rendered);
        if (full.Length < contextLength || !truncate)
        {
            return (PromptFit.Fit(full, contextLength, numKeep, truncate), rendered);
        }

        var dropped = 0;
        var remaining = new List<Message>(input.Messages);
        int[] tokens = full;
        while (tokens.Length >= contextLength)
        {
            var oldest = remaining.FindIndex(m => m.Role != "system");
            if (oldest < 0 || oldest == remaining.Count - 1)
            {
                break;
            }

            remaining.RemoveAt(oldest);
            dropped++;
            rendered = PromptRenderer.Render(template, input with { Messages = remaining }, runner);
            tokens = Tokenize(runner, rendered);
        }

        if (dropped > 0)
        {
            Log.HistoryTruncated(_logger, model.DisplayName, dropped, contextLength);
        }

        var fit = PromptFit.Fit(tokens, contextLength, numKeep, truncate);
        return (fit with { TruncatedTokens = full.Length - fit.Tokens.Length }, rendered);
    }
}
