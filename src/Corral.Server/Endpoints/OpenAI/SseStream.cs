using Corral.Protocols.OpenAI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Endpoints.OpenAI;

/// <summary>
/// Writes native chunks as OpenAI server-sent events, flushed per native chunk (all frames of one chunk in one flush). The first native chunk is awaited
/// before the status and headers are sent, so an early failure (unknown model, load failure, busy) gets its real status
/// code and OpenAI's error body; a failure after output began becomes a final <c>data: {"error":{...}}</c> event.
/// </summary>
internal static class SseStream
{
    /// <param name="write">Writes the frames of one item (none is fine) into the response's pipe.</param>
    public static async Task WriteAsync<T>(HttpContext context, IAsyncEnumerable<T> items, Action<T, SseFrameWriter> write)
    {
        var cancellationToken = context.RequestAborted;
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        var any = await enumerator.MoveNextAsync();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var body = context.Response.BodyWriter;
        using var frames = SseFrameWriter.Wire(body);
        while (any)
        {
            write(enumerator.Current, frames);
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
                frames.Write(new OpenAIErrorResponse { Error = error }, OpenAIJsonContext.Wire.OpenAIErrorResponse);
                await body.FlushAsync(CancellationToken.None);
                return;
            }
        }

        frames.WriteRaw(Sse.Done);
        await body.FlushAsync(cancellationToken);
    }
}
