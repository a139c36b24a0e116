using Corral.Api;
using Corral.Core.Registry;
using Corral.Core.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints;

/// <summary>
/// The read side of the registry API for the server's own models, so another Corral (or Ollama) can pull from it:
/// <c>GET/HEAD /v2/</c>, <c>/v2/{ns}/{model}/manifests/{tag}</c> (exact stored bytes) and
/// <c>/v2/{ns}/{model}/blobs/{digest}</c> with Range support. Route values are validated before they name any file.
/// </summary>
internal static class V2Endpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapMethods("/v2/", ["GET", "HEAD"], context =>
        {
            context.Response.Headers["Docker-Distribution-API-Version"] = "registry/2.0";
            context.Response.ContentType = "application/json";
            return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync("{}", context.RequestAborted);
        });

        app.MapMethods("/v2/{ns}/{model}/manifests/{reference}", ["GET", "HEAD"], async context =>
        {
            var store = context.RequestServices.GetRequiredService<ModelStore>();
            var values = context.Request.RouteValues;
            if (!ModelName.TryParse($"{values["ns"]}/{values["model"]}:{values["reference"]}", out var name)
                || store.Manifests.Find(name) is not { } stored)
            {
                await ErrorAsync(context, StatusCodes.Status404NotFound, "MANIFEST_UNKNOWN", "manifest unknown");
                return;
            }

            var bytes = stored.ReadManifestBytes();
            context.Response.ContentType = stored.Manifest.MediaType ?? MediaTypes.Manifest;
            context.Response.ContentLength = bytes.Length;
            context.Response.Headers["Docker-Content-Digest"] = "sha256:" + stored.Digest;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
            }
        });

        app.MapMethods("/v2/{ns}/{model}/blobs/{digest}", ["GET", "HEAD"], async context =>
        {
            var raw = context.Request.RouteValues["digest"] as string;
            if (raw is null || !raw.StartsWith("sha256:", StringComparison.Ordinal) || !Digest.TryParse(raw, out var digest))
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, "DIGEST_INVALID", "invalid digest format");
                return;
            }

            var blobs = context.RequestServices.GetRequiredService<ModelStore>().Blobs;
            if (!blobs.Exists(digest))
            {
                await ErrorAsync(context, StatusCodes.Status404NotFound, "BLOB_UNKNOWN", "blob unknown to registry");
                return;
            }

            context.Response.Headers["Docker-Content-Digest"] = digest.ToString();
            await Results.File(blobs.PathFor(digest), "application/octet-stream", enableRangeProcessing: true).ExecuteAsync(context);
        });
    }

    /// <summary>The registry error shape <c>{"errors":[{"code","message"}]}</c> (constant texts only; never a path).</summary>
    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = $$"""{"errors":[{"code":"{{code}}","message":"{{message}}"}]}""";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(body, context.RequestAborted);
    }
}
