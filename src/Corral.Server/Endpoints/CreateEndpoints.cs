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

        app.MapPost(ApiRoutes.Blobs + "/{digest}/link", Handlers.Plain(LinkAsync));
    }

    /// <summary>
    /// <c>POST /api/blobs/:digest/link</c> (Corral's extension, used by <c>corral create</c> when it shares the machine with
    /// the server): the body is the absolute path of a GGUF file, which is reflinked, hard-linked or copied into the store
    /// after its digest is verified. Only loopback clients may ask, only GGUF files qualify, and the caller must already
    /// know the file's sha256, so the endpoint cannot be used to read arbitrary server files. Errors never echo the path.
    /// </summary>
    private static async Task LinkAsync(HttpContext context)
    {
        var digest = ParseDigest(context);
        if (context.Connection.RemoteIpAddress is not { } remote || !System.Net.IPAddress.IsLoopback(remote))
        {
            throw new CorralException(ErrorKind.NotFound, "linking a server file is only possible from the same machine");
        }

        var path = await ReadPathAsync(context);
        if (path.Length == 0 || path.Contains('\0') || !Path.IsPathFullyQualified(path))
        {
            throw CorralException.BadRequest("the file path must be absolute");
        }

        var file = Resolve(path) ?? throw new CorralException(ErrorKind.NotFound, "the file was not found on the server");

        if (!IsGguf(file.FullName))
        {
            throw CorralException.BadRequest("only GGUF files can be linked into the store");
        }

        var blobs = context.RequestServices.GetRequiredService<ModelStore>().Blobs;
        var placement = await blobs.ImportFileAsync(file.FullName, digest, context.RequestAborted);
        context.Response.Headers["X-Corral-Blob-Placement"] = placement.ToString().ToLowerInvariant();
        context.Response.StatusCode = placement == BlobPlacement.Existing ? StatusCodes.Status200OK : StatusCodes.Status201Created;
    }

    /// <summary>The regular file a path names, following symbolic links; null when there is none (or it cannot be read).</summary>
    private static FileInfo? Resolve(string path)
    {
        try
        {
            var file = new FileInfo(path);
            if (file.LinkTarget is not null)
            {
                file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            }

            return file is { Exists: true } ? file : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private static async Task<string> ReadPathAsync(HttpContext context)
    {
        const int MaxPathBytes = 4096;
        var buffer = new byte[MaxPathBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await context.Request.Body.ReadAsync(buffer.AsMemory(total), context.RequestAborted)) > 0)
        {
            total += read;
        }

        return total > MaxPathBytes
            ? throw CorralException.BadRequest("the file path is too long")
            : System.Text.Encoding.UTF8.GetString(buffer, 0, total).Trim();
    }

    private static bool IsGguf(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            Span<byte> magic = stackalloc byte[4];
            return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("GGUF"u8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The route value is untrusted: it must be a well-formed digest before it names any file.</summary>
    private static Digest ParseDigest(HttpContext context)
    {
        var raw = context.Request.RouteValues["digest"] as string;
        return Digest.TryParse(raw, out var digest) ? digest : throw CorralException.BadRequest("invalid digest format");
    }
}
