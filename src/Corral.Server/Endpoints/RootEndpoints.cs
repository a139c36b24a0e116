using Corral.Api;
using Corral.Api.Models;
using Corral.Api.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Corral.Server.Endpoints;

/// <summary><c>/</c> (liveness, with Ollama's exact text so existing clients recognize the server) and <c>/api/version</c>.</summary>
internal static class RootEndpoints
{
    /// <summary>The Ollama API level Corral implements; clients gate features on it.</summary>
    public const string ApiVersion = "0.33.0";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/", ["GET", "HEAD"], context =>
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync("Ollama is running");
        });

        app.MapMethods(ApiRoutes.Version, ["GET", "HEAD"], context =>
            Handlers.WriteJsonAsync(context, new VersionResponse { Version = ApiVersion }, ApiJsonContext.Wire.VersionResponse));
    }
}
