using Corral.Protocols.OpenAI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Endpoints.OpenAI;

/// <summary>
/// Writes native chunks as OpenAI server-sent events, flushed per native chunk. The first native chunk is awaited
/// before the status and headers are sent, so an early failure (unknown model, load failure, busy) gets its real status
/// code and OpenAI's error body; a failure after output began becomes a final <c>data: {"error":{...}}</c> event.
/// </summary>
internal static class SseStream
{
    public static async Task WriteAsync<T>(HttpContext context, IAsyncEnumerable<T> items, Func<T, IEnumerable<byte[]>> frames)
    {
        var cancellationToken = context.RequestAborted;
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        var any = await enumerator.MoveNextAsync();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var body = context.Response.BodyWriter;
        while (any)
        {
            foreach (var frame in frames(enumerator.Current))
            {
                await body.WriteAsync(frame, cancellationToken);
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
                await body.WriteAsync(Sse.Frame(new OpenAIErrorResponse { Error = error }, OpenAIJsonContext.Wire.OpenAIErrorResponse), CancellationToken.None);
                await body.FlushAsync(CancellationToken.None);
                return;
            }
        }

        await body.WriteAsync(Sse.Done.ToArray(), cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
