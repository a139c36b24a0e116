using Corral.Api;
using Corral.Api.Models;
using Corral.Api.Serialization;
using Corral.Core.Errors;
using Corral.Core.Models;
using Corral.Core.Store;
using Corral.Server.Errors;
using Corral.Server.Streaming;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Endpoints;

/// <summary><c>/api/create</c> and <c>/api/blobs/:digest</c> (the upload path <c>corral create</c> uses).</summary>
internal static class CreateEndpoints
{
    private static readonly ApiJsonContext Json = ApiJsonContext.Wire;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(ApiRoutes.Create, Handlers.WithBody(Json.CreateRequest, async (context, request) =>
        {
            var creator = context.RequestServices.GetRequiredService<ModelCreator>();
            var stream = creator.CreateAsync(request, context.RequestAborted);
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
        }));

        app.MapMethods(ApiRoutes.Blobs + "/{digest}", ["HEAD"], Handlers.Plain(context =>
        {
            var digest = ParseDigest(context);
            var blobs = context.RequestServices.GetRequiredService<ModelStore>().Blobs;
            context.Response.StatusCode = blobs.Exists(digest) ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }));

        app.MapPost(ApiRoutes.Blobs + "/{digest}", Handlers.Plain(async context =>
        {
            var digest = ParseDigest(context);
            var blobs = context.RequestServices.GetRequiredService<ModelStore>().Blobs;
            if (blobs.Exists(digest))
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            // Model files are gigabytes: lift Kestrel's default body limit for this endpoint only.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = null;
            }

            await blobs.WriteAsync(context.Request.Body, digest, context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status201Created;
        }));
    }

    /// <summary>The route value is untrusted: it must be a well-formed digest before it names any file.</summary>
    private static Digest ParseDigest(HttpContext context)
    {
        var raw = context.Request.RouteValues["digest"] as string;
        return Digest.TryParse(raw, out var digest) ? digest : throw CorralException.BadRequest("invalid digest format");
    }
}
