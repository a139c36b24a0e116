using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Server.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Endpoints;

/// <summary>Wraps endpoint bodies: reads the JSON request, and turns any failure before the response began into the
/// native error shape. Cancellation by the client is not an error.</summary>
internal static class Handlers
{
    public static RequestDelegate WithBody<TRequest>(JsonTypeInfo<TRequest> type, Func<HttpContext, TRequest, Task> handler) =>
        context => Run(context, async () => await handler(context, await RequestBody.ReadAsync(context, type)));

    public static RequestDelegate Plain(Func<HttpContext, Task> handler) => context => Run(context, () => handler(context));

    public static async Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    public static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Corral.Server.Native");

    private static async Task Run(HttpContext context, Func<Task> body)
    {
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
            var (status, _) = NativeErrors.Classify(e);
            if (status >= 500)
            {
                Log.RequestFailed(Logger(context), context.Request.Path, e);
            }

            await NativeErrors.WriteAsync(context, e);
        }
    }
}

internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Debug, "client canceled {Path}")]
    public static partial void ClientCanceled(ILogger logger, string path);

    [LoggerMessage(3102, LogLevel.Error, "{Path} failed")]
    public static partial void RequestFailed(ILogger logger, string path, Exception error);
}
