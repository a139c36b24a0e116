using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Tests.Registry;

/// <summary>
/// A tiny registry on Kestrel for faults a real registry cannot produce: manifests and blobs served from memory
/// (with Range support), plus hooks to replace any answer, gate blob requests, and count what was served.
/// </summary>
public sealed class FakeRegistry : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _blobBytes;

    private FakeRegistry(WebApplication app, string authority)
    {
        _app = app;
        Authority = authority;
    }

    public string Authority { get; }

    /// <summary>Manifest bytes by <c>ns/model:tag</c>.</summary>
    public ConcurrentDictionary<string, byte[]> Manifests { get; } = new();

    /// <summary>Blob bytes by <c>sha256:hex</c> (the key is what is served; the content need not match).</summary>
    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new();

    /// <summary>Runs first; returning true means it answered the request itself.</summary>
    public Func<HttpContext, Task<bool>>? Override { get; set; }

    /// <summary>Awaited before a ranged blob GET is answered (start offset given).</summary>
    public Func<long, CancellationToken, Task>? BlobGate { get; set; }

    /// <summary>Authorization header of every request, in order.</summary>
    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public long BlobBytesServed => Interlocked.Read(ref _blobBytes);

    public static async Task<FakeRegistry> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeRegistry? self = null;
        app.Run(context => self!.HandleAsync(context));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        self = new FakeRegistry(app, $"127.0.0.1:{address.Port}");
        return self;
    }

    /// <summary>Adds a blob under its true digest and returns the digest.</summary>
    public string AddBlob(byte[] content)
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
        Blobs[digest] = content;
        return digest;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        Authorizations.Enqueue(context.Request.Headers.Authorization.FirstOrDefault());
        if (Override is { } handler && await handler(context))
        {
            return;
        }

        var parts = context.Request.Path.Value!.Split('/');
        if (parts is ["", "v2", var ns, var model, "manifests", var tag] && Manifests.TryGetValue($"{ns}/{model}:{tag}", out var manifest))
        {
            context.Response.ContentType = "application/vnd.docker.distribution.manifest.v2+json";
            context.Response.ContentLength = manifest.Length;
            await context.Response.Body.WriteAsync(manifest);
            return;
        }

        if (parts is ["", "v2", _, _, "blobs", var digest] && Blobs.TryGetValue(digest, out var blob))
        {
            await ServeBlobAsync(context, blob);
            return;
        }

        context.Response.StatusCode = 404;
    }

    private async Task ServeBlobAsync(HttpContext context, byte[] blob)
    {
        if (HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.ContentLength = blob.Length;
            return;
        }

        long from = 0, to = blob.Length - 1;
        if (context.Request.GetTypedHeaders().Range?.Ranges.FirstOrDefault() is { } range)
        {
            from = range.From ?? 0;
            to = Math.Min(range.To ?? to, blob.Length - 1);
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{to}/{blob.Length}";
        }

        if (BlobGate is { } gate)
        {
            await gate(from, context.RequestAborted);
        }

        context.Response.ContentLength = to - from + 1;
        await context.Response.Body.WriteAsync(blob.AsMemory((int)from, (int)(to - from + 1)), context.RequestAborted);
        Interlocked.Add(ref _blobBytes, to - from + 1);
    }
}
