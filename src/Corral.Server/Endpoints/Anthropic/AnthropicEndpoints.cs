using Corral.Core.Generation;
using Corral.Protocols.Anthropic;
using Corral.Server.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Endpoints.Anthropic;

/// <summary>
/// Anthropic's Messages API: <c>POST /v1/messages</c> (JSON or SSE) and <c>POST /v1/messages/count_tokens</c>.
/// <c>x-api-key</c>, <c>anthropic-version</c> and <c>anthropic-beta</c> headers are accepted and not checked.
/// count_tokens runs the real prompt through the model with one token to generate and reports the prompt's token
/// count from the native final chunk: exact for the model's template and tokenizer, at the cost of a load and one
/// decode step (Core has no tokenize-only entry point). For a route it counts with the route's first target that can
/// (<see cref="Corral.Routing.ChatRouter.CountTokensAsync"/>): a local model as above, an Anthropic upstream through its
/// own count_tokens.
/// </summary>
internal static class AnthropicEndpoints
{
    private static readonly AnthropicJsonContext Json = AnthropicJsonContext.Wire;

    public static void MapAnthropicApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/messages", context => Run(context, async () =>
        {
            var request = await RequestBody.ReadAsync(context, Json.MessagesRequest);
            var chat = RequestMapper.ToChat(request);
            var task = AnthropicMetadata.Task(request.Metadata);
            var gateway = context.RequestServices.GetRequiredService<ChatGateway>();
            await using var started = await NativeChat.StartAsync(native => gateway.ChatAsync(context, native, "anthropic", task), chat, context.RequestAborted);
            var id = AnthropicIds.NewMessageId();
            if (request.Stream == true)
            {
                await AnthropicSse.WriteAsync(context, started, new StreamMapper(id, request.Model!, stopSequences: request.StopSequences), Logger(context));
                return;
            }

            var folded = await started.FoldAsync(context.RequestAborted);
            await Handlers.WriteJsonAsync(context, ResponseMapper.ToMessage(folded, id, request.Model!, stopSequences: request.StopSequences), Json.MessagesResponse);
        }));

        app.MapPost("/v1/messages/count_tokens", context => Run(context, () => CountTokensAsync(context)));
    }

    private static async Task CountTokensAsync(HttpContext context)
    {
        var request = await RequestBody.ReadAsync(context, Json.MessagesRequest);
        var chat = RequestMapper.ToChat(request with { Stream = null }, countOnly: true);
        var gateway = context.RequestServices.GetRequiredService<ChatGateway>();
        var count = gateway.Router is { } router && gateway.IsRouted(request.Model)
            ? await router.CountTokensAsync(request.Model!,
                (target, cancellationToken) => CountLocalAsync(context, chat with { Model = target.Model }, cancellationToken),
                target => CountTokensBody(request, target.Model), context.RequestAborted)
            : await CountLocalAsync(context, chat, context.RequestAborted);
        await Handlers.WriteJsonAsync(context, new CountTokensResponse(count), Json.CountTokensResponse);
    }

    /// <summary>A local model's count: the prompt rendered with its template and tokenized, from one decode step.</summary>
    private static async Task<int> CountLocalAsync(HttpContext context, Corral.Api.Models.ChatRequest chat, CancellationToken cancellationToken)
    {
        var service = context.RequestServices.GetRequiredService<InferenceService>();
        await using var started = await NativeChat.StartAsync(native => service.ChatAsync(native, cancellationToken), chat, cancellationToken);
        var folded = await started.FoldAsync(cancellationToken);
        return folded.PromptEvalCount ?? 0;
    }

    /// <summary>The client's request as an upstream's count_tokens takes it: the target's model id, and only the fields
    /// that shape the prompt (messages, system, tools, tool_choice, thinking); sampling, <c>max_tokens</c>, <c>stream</c>
    /// and <c>metadata</c> (Corral's <c>task</c> is not Anthropic's) are left out.</summary>
    private static byte[] CountTokensBody(MessagesRequest request, string model) =>
        System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request with
        {
            Model = model,
            MaxTokens = null,
            Stream = null,
            Temperature = null,
            TopP = null,
            TopK = null,
            StopSequences = null,
            Metadata = null,
            ServiceTier = null,
            ContextManagement = null,
            OutputConfig = null,
            Unknown = null,
        }, Json.MessagesRequest);

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Corral.Server.Anthropic");

    /// <summary>Runs an Anthropic endpoint: a <c>request-id</c> header, and failures before the first byte answered in
    /// Anthropic's error shape.</summary>
    internal static async Task Run(HttpContext context, Func<Task> body)
    {
        context.Response.Headers["request-id"] = AnthropicIds.NewRequestId();
        try
        {
            await body();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            Log.ClientCanceled(Logger(context), context.Request.Path);
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            if (AnthropicErrors.Classify(e).Status >= 500)
            {
                Log.RequestFailed(Logger(context), context.Request.Path, e);
            }

            await AnthropicErrors.WriteAsync(context, e);
        }
    }
}
