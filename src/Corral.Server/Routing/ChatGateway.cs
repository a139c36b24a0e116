using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Core.Generation;
using Corral.Routing;
using Corral.Routing.Calls;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Routing;

/// <summary>
/// Where every chat endpoint (native, OpenAI, Anthropic) sends its native request: to the router when the model name
/// is a route of the routes file, else straight to the local models. Routed answers carry headers saying which target
/// answered and why (set just before the first byte, so a fallback before it stays invisible to the client).
/// </summary>
public sealed class ChatGateway(InferenceService local, ChatRouter? router = null)
{
    /// <summary>Request header naming the task, for fast-path rules (<c>classify</c>, <c>summarize</c>, ...). It wins over
    /// a task the body names (<c>metadata.task</c>).</summary>
    public const string TaskHeader = "X-Corral-Task";

    /// <summary>The longest task name taken, header or metadata (OpenAI's bound on a metadata value).</summary>
    public const int MaxTaskLength = 512;

    public const string RequestIdHeader = "X-Corral-Request-Id";

    /// <summary><c>provider/model</c> of the target that answered.</summary>
    public const string ServedByHeader = "X-Corral-Served-By";

    /// <summary>Why that target: <c>primary</c>, <c>fallback:rate_limited</c>, <c>fast_path:task=classify</c>, ...</summary>
    public const string RouteReasonHeader = "X-Corral-Route-Reason";

    public const string PairIdHeader = "X-Corral-Pair-Id";

    public ChatRouter? Router => router;

    /// <summary>True when <paramref name="model"/> names a route rather than a local model.</summary>
    public bool IsRouted(string? model) => router is not null && router.TryGetRoute(model, out _);

    /// <param name="task">The task the body names (<c>metadata.task</c>), already validated; the
    /// <see cref="TaskHeader"/> header wins over it. Both only matter to routes: a local model ignores them.</param>
    public IAsyncEnumerable<ChatResponse> ChatAsync(HttpContext context, ChatRequest request, string protocol, string? task = null)
    {
        if (router is null || !router.TryGetRoute(request.Model, out _))
        {
            return local.ChatAsync(request, context.RequestAborted);
        }

        var response = context.Response;
        var info = new CallInfo
        {
            Protocol = protocol,
            Task = TaskOf(context, task),
            OnServed = served =>
            {
                if (response.HasStarted)
                {
                    return;
                }

                response.Headers[ServedByHeader] = served.Provider + "/" + served.Model;
                response.Headers[RouteReasonHeader] = served.Reason;
                if (served.PairId is not null)
                {
                    response.Headers[PairIdHeader] = served.PairId;
                }
            },
        };
        response.Headers[RequestIdHeader] = info.RequestId;
        return router.ChatAsync(request, info, context.RequestAborted);
    }

    /// <summary>The header's task when it has one, else the body's; trimmed, null when blank.</summary>
    /// <exception cref="CorralException">The header is longer than <see cref="MaxTaskLength"/>.</exception>
    private static string? TaskOf(HttpContext context, string? bodyTask)
    {
        var header = context.Request.Headers[TaskHeader].ToString().Trim();
        if (header.Length > MaxTaskLength)
        {
            throw CorralException.BadRequest($"{TaskHeader} must be at most {MaxTaskLength} characters, not {header.Length}");
        }

        return header.Length > 0 ? header : string.IsNullOrWhiteSpace(bodyTask) ? null : bodyTask.Trim();
    }
}
