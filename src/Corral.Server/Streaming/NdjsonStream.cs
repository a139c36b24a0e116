using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Api.Models;
using Corral.Api.Serialization;
using Corral.Server.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Streaming;

/// <summary>
/// Writes a stream as NDJSON, one flushed line per item. The first item is awaited before the status and headers are
/// sent, so a failure before any output (unknown model, load failure, busy) gets its real status code; a failure after
/// output began becomes a final <c>{"error": "..."}</c> line.
/// </summary>
internal static class NdjsonStream
{
    public static async Task WriteAsync<T>(HttpContext context, IAsyncEnumerable<T> items, JsonTypeInfo<T> type, ILogger logger)
    {
        var cancellationToken = context.RequestAborted;
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        try
        {
            if (!await enumerator.MoveNextAsync())
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            await NativeErrors.WriteAsync(context, e);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-ndjson";
        var body = context.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, ApiJsonContext.WireWriterOptions);
        while (true)
        {
            JsonSerializer.Serialize(writer, enumerator.Current, type);
            writer.Flush();
            writer.Reset();
            body.GetSpan(1)[0] = (byte)'\n';
            body.Advance(1);
            var flushed = await body.FlushAsync(cancellationToken);
            if (flushed.IsCanceled || flushed.IsCompleted)
            {
                return;
            }

            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var (_, message) = NativeErrors.Classify(e);
                Log.StreamFailed(logger, context.Request.Path, e);
                JsonSerializer.Serialize(writer, new ErrorResponse { Error = message }, ApiJsonContext.Wire.ErrorResponse);
                writer.Flush();
                body.GetSpan(1)[0] = (byte)'\n';
                body.Advance(1);
                await body.FlushAsync(CancellationToken.None);
                return;
            }
        }
    }
}
