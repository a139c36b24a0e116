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
/// decode step (Core has no tokenize-only entry point).
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

        app.MapPost("/v1/messages/count_tokens", context => Run(context, async () =>
        {
            var request = await RequestBody.ReadAsync(context, Json.MessagesRequest);
            var chat = RequestMapper.ToChat(request with { Stream = null }, countOnly: true);
            var service = context.RequestServices.GetRequiredService<InferenceService>();
            await using var started = await NativeChat.StartAsync(native => service.ChatAsync(native, context.RequestAborted), chat, context.RequestAborted);
            var folded = await started.FoldAsync(context.RequestAborted);
            await Handlers.WriteJsonAsync(context, new CountTokensResponse(folded.PromptEvalCount ?? 0), Json.CountTokensResponse);
        }));
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Corral.Server.Anthropic");

    private static async Task Run(HttpContext context, Func<Task> body)
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
