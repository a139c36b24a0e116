using Corral.Core.Generation;
using Corral.Protocols.OpenAI;
using Corral.Server.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints.OpenAI;

/// <summary>
/// Stateless <c>POST /v1/responses</c>: one response object, or with <c>stream: true</c> typed server-sent events
/// (<c>event: ...</c> / <c>data: ...</c>, no <c>[DONE]</c>). The first native chunk is awaited before the status and
/// headers are sent, so early failures get their real status and OpenAI's error body; a failure after the stream
/// began becomes a <c>response.failed</c> event.
/// </summary>
internal static class ResponsesEndpoint
{
    public static async Task HandleAsync(HttpContext context, ResponsesRequest request, ParamPolicy policy)
    {
        var mapped = ResponsesRequestMapper.Map(request, policy, OpenAIHandlers.ContextLength(context));
        var stream = context.RequestServices.GetRequiredService<ChatGateway>().ChatAsync(context, mapped.Native, "openai", RequestMetadata.Task(mapped.Metadata));
        var id = ResponsesStreamMapper.NewResponseId();
        var created = OpenAIIds.UnixSeconds(DateTimeOffset.UtcNow);
        OpenAIHandlers.AddIgnoredHeader(context, mapped.Ignored);
        if (!mapped.Stream)
        {
            var folded = await ResponseFolding.FoldAsync(stream, context.RequestAborted);
            await OpenAIHandlers.WriteJsonAsync(context, ResponsesStreamMapper.ToResponse(folded, id, created, mapped.Template), OpenAIJsonContext.Wire.ResponseObject);
            return;
        }

        var mapper = new ResponsesStreamMapper(id, created, mapped.Template);
        var cancellationToken = context.RequestAborted;
        await using var enumerator = stream.GetAsyncEnumerator(cancellationToken);
        var any = await enumerator.MoveNextAsync();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var body = context.Response.BodyWriter;
        while (any)
        {
            foreach (var e in mapper.Map(enumerator.Current))
            {
                await body.WriteAsync(ResponsesStreamMapper.Frame(e), cancellationToken);
            }

            var flushed = await body.FlushAsync(cancellationToken);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return;
            }

            try
            {
                any = await enumerator.MoveNextAsync();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                OpenAILog.StreamFailed(OpenAIHandlers.Logger(context), context.Request.Path, e);
                var (_, error) = OpenAIErrors.Classify(e);
                await body.WriteAsync(ResponsesStreamMapper.Frame(mapper.Fail(error.Code ?? "server_error", error.Message)), CancellationToken.None);
                await body.FlushAsync(CancellationToken.None);
                return;
            }
        }
    }
}
