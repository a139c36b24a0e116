using Corral.Api;
using Corral.Api.Models;
using Corral.Api.Serialization;
using Corral.Core.Registry;
using Corral.Server.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints;

/// <summary><c>/api/pull</c> and <c>/api/push</c>: NDJSON progress, or one folded line with <c>"stream": false</c>.</summary>
internal static class PullPushEndpoints
{
    private static readonly ApiJsonContext Json = ApiJsonContext.Wire;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(ApiRoutes.Pull, Handlers.WithBody(Json.PullRequest, (context, request) =>
            WriteAsync(context, request, context.RequestServices.GetRequiredService<RegistryPuller>().PullAsync(request, context.RequestAborted))));

        app.MapPost(ApiRoutes.Push, Handlers.WithBody(Json.PullRequest, (context, request) =>
            WriteAsync(context, request, context.RequestServices.GetRequiredService<RegistryPusher>().PushAsync(request, context.RequestAborted))));

        RegistryBundleEndpoints.Map(app);
        V2Endpoints.Map(app);
    }

    private static async Task WriteAsync(HttpContext context, PullRequest request, IAsyncEnumerable<ProgressResponse> stream)
    {
        if (request.Stream == false)
        {
            ProgressResponse? last = null;
            await foreach (var status in stream)
            {
                last = status;
            }

            await Handlers.WriteJsonAsync(context, last ?? new ProgressResponse { Status = "success" }, Json.ProgressResponse);
            return;
        }

        await NdjsonStream.WriteAsync(context, stream, Json.ProgressResponse, Handlers.Logger(context));
    }
}
