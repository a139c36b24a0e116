using Corral.Api;
using Corral.Core.Deadlines;
using Corral.Core.Errors;
using Corral.Protocols.OpenAI;
using Corral.Server.Endpoints.Anthropic;
using Corral.Server.Endpoints.OpenAI;
using Corral.Server.Errors;
using Microsoft.AspNetCore.Http;

namespace Corral.Server;

/// <summary>
/// Gives generation, chat and embedding requests of every API their deadline: the <c>X-Corral-Timeout</c> header when
/// present (it wins over the default, longer or shorter; <c>0</c> means none), else <c>CORRAL_REQUEST_TIMEOUT</c>. The
/// deadline is a <see cref="RequestDeadline"/> on the injected clock, current for the rest of the request; a malformed
/// header is a 400 in the protocol's shape. A non-streamed answer the deadline cut short carries
/// <c>X-Corral-Stop-Reason: deadline</c>.
/// </summary>
internal sealed class RequestDeadlines(RequestDelegate next, ServerSettings settings)
{
    public const string TimeoutHeader = "X-Corral-Timeout";

    public const string StopReasonHeader = "X-Corral-Stop-Reason";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HasDeadline(context.Request.Path))
        {
            await next(context);
            return;
        }

        TimeSpan? timeout = settings.RequestTimeout;
        var header = context.Request.Headers[TimeoutHeader];
        if (header.Count > 0)
        {
            try
            {
                timeout = RequestTimeout.Parse(header.ToString());
            }
            catch (FormatException e)
            {
                await WriteBadRequestAsync(context, $"invalid {TimeoutHeader} header: {e.Message}");
                return;
            }
        }

        if (timeout is not { } limit)
        {
            await next(context);
            return;
        }

        using var deadline = new RequestDeadline(limit, settings.Time);
        context.Response.OnStarting(() =>
        {
            if (deadline.CutShort)
            {
                context.Response.Headers[StopReasonHeader] = "deadline";
            }

            return Task.CompletedTask;
        });
        RequestDeadline.Current = deadline;
        try
        {
            await next(context);
        }
        finally
        {
            RequestDeadline.Current = null;
        }
    }

    private static bool HasDeadline(PathString path) =>
        path.StartsWithSegments("/v1", StringComparison.Ordinal)
        || path.Equals(ApiRoutes.Generate, StringComparison.Ordinal)
        || path.Equals(ApiRoutes.Chat, StringComparison.Ordinal)
        || path.Equals(ApiRoutes.Embed, StringComparison.Ordinal)
        || path.Equals(ApiRoutes.Embeddings, StringComparison.Ordinal);

    private static Task WriteBadRequestAsync(HttpContext context, string message)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/v1/messages", StringComparison.Ordinal))
        {
            return AnthropicErrors.WriteAsync(context, CorralException.BadRequest(message));
        }

        if (path.StartsWithSegments("/v1", StringComparison.Ordinal))
        {
            return OpenAIErrors.WriteAsync(context, StatusCodes.Status400BadRequest,
                new OpenAIError { Message = message, Type = "invalid_request_error", Param = TimeoutHeader });
        }

        return NativeErrors.WriteAsync(context, StatusCodes.Status400BadRequest, message);
    }
}
