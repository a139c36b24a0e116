using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using Corral.Protocols;
using Corral.Protocols.OpenAI;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Endpoints.OpenAI;

/// <summary>Wraps <c>/v1</c> endpoint bodies: reads the JSON request, decides strict or lenient mode, and turns any
/// failure before the response began into OpenAI's error shape.</summary>
internal static class OpenAIHandlers
{
    /// <summary>Header that turns lenient mode on for one request.</summary>
    public const string LenientHeader = "X-Corral-Lenient";

    /// <summary>Response header listing the parameters ignored in lenient mode.</summary>
    public const string IgnoredHeader = "X-Corral-Ignored-Params";

    /// <summary>Per-request context length (the body's <c>num_ctx</c> wins).</summary>
    public const string ContextLengthHeader = "X-Context-Length";

    public static RequestDelegate WithBody<TRequest>(JsonTypeInfo<TRequest> type, Func<HttpContext, TRequest, ParamPolicy, Task> handler) =>
        context => Run(context, async () => await handler(context, await RequestBody.ReadAsync(context, type), new ParamPolicy(IsLenient(context))));

    public static RequestDelegate Plain(Func<HttpContext, Task> handler) => context => Run(context, () => handler(context));

    public static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Corral.Server.OpenAI");

    /// <summary>Lenient when the request says so or <c>CORRAL_LENIENT=1</c> is set for the server.</summary>
    public static bool IsLenient(HttpContext context)
    {
        var header = context.Request.Headers[LenientHeader].ToString();
        if (header.Length > 0)
        {
            return header is "1" || header.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        return Core.Configuration.EnvironmentVariables.Lenient.IsOn(Environment.GetEnvironmentVariable);
    }

    /// <summary>The <c>X-Context-Length</c> header as a number, or null when absent.</summary>
    public static int? ContextLength(HttpContext context)
    {
        var value = context.Request.Headers[ContextLengthHeader].ToString();
        if (value.Length == 0)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ProtocolException($"{ContextLengthHeader} must be a positive integer", ContextLengthHeader);
    }

    /// <summary>Reports ignored parameters (lenient mode) before the response starts.</summary>
    public static void AddIgnoredHeader(HttpContext context, IReadOnlyList<string> ignored)
    {
        if (ignored.Count > 0)
        {
            context.Response.Headers[IgnoredHeader] = string.Join(", ", ignored);
        }
    }

    public static async Task WriteJsonAsync<T>(HttpContext context, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    private static async Task Run(HttpContext context, Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            var (status, _) = OpenAIErrors.Classify(e);
            if (status >= 500)
            {
                OpenAILog.RequestFailed(Logger(context), context.Request.Path, e);
            }

            context.Response.Headers.Remove(IgnoredHeader);
            await OpenAIErrors.WriteAsync(context, e);
        }
    }
}

internal static partial class OpenAILog
{
    [LoggerMessage(3301, LogLevel.Error, "{Path} failed")]
    public static partial void RequestFailed(ILogger logger, string path, Exception error);

    [LoggerMessage(3302, LogLevel.Warning, "{Path} failed after the stream began")]
    public static partial void StreamFailed(ILogger logger, string path, Exception error);
}
