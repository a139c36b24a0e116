using System.Buffers;
using System.Text;
using Corral.Protocols.Anthropic;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Endpoints.Anthropic;

/// <summary>Writes a started native chat as Anthropic SSE, the events of each native chunk flushed together. The first chunk was already
/// awaited (<see cref="NativeChat"/>), so the headers go out only once output is certain; a failure after that is an
/// <c>error</c> event.</summary>
internal static class AnthropicSse
{
    public static async Task WriteAsync(HttpContext context, NativeChat chat, StreamMapper mapper, ILogger logger)
    {
        var cancellationToken = context.RequestAborted;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        if (!await WriteAllAsync(context, mapper.Start(), cancellationToken) || !chat.Any)
        {
            return;
        }

        while (true)
        {
            if (!await WriteAllAsync(context, mapper.Next(chat.Current), cancellationToken))
            {
                return;
            }

            try
            {
                if (!await chat.MoveNextAsync())
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
                var (_, type, message) = AnthropicErrors.Classify(e);
                Corral.Server.Streaming.Log.StreamFailed(logger, context.Request.Path, e);
                await WriteAllAsync(context, [StreamMapper.Error(type, message)], CancellationToken.None);
                return;
            }
        }
    }

    /// <summary>Writes the events of one native chunk straight into the response pipe (no string per event) and
    /// flushes them together.</summary>
    private static async Task<bool> WriteAllAsync(HttpContext context, IEnumerable<SseEvent> events, CancellationToken cancellationToken)
    {
        var body = context.Response.BodyWriter;
        var any = false;
        foreach (var e in events)
        {
            body.Write("event: "u8);
            Encoding.UTF8.GetBytes(e.Name, body);
            body.Write("\ndata: "u8);
            Encoding.UTF8.GetBytes(e.Data, body);
            body.Write("\n\n"u8);
            any = true;
        }

        if (!any)
        {
            return true;
        }

        var flushed = await body.FlushAsync(cancellationToken);
        return !flushed.IsCanceled && !flushed.IsCompleted;
    }
}
