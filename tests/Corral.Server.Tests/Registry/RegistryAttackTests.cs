using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Tests.Registry;

/// <summary>Malicious registries: path-traversal digests, oversize and endless answers, SSRF targets.</summary>
public sealed class RegistryAttackTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();
    private FakeRegistry _fake = null!;

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        _fake = await FakeRegistry.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        await _server.DisposeAsync();
    }

    public static TheoryData<string> BadDigests => new()
    {
        "sha256:abc",
        "sha256:" + new string('a', 65),
        "sha256:" + new string('A', 64),
        "sha256:../../../../../../etc/ld.so.preload",
        "sha256:%2e%2e%2f%2e%2e%2f" + new string('a', 52),
        "sha256:" + new string('a', 63) + "\\u0000",
        "sha256-" + new string('a', 64),
        "md5:" + new string('a', 64),
        "../../" + new string('a', 64),
    };

    [Theory]
    [MemberData(nameof(BadDigests))]
    public async Task BadDigestInManifest_IsRejectedBeforeAnyFileOrBlobRequest(string digest)
    {
        _server.AllowLoopback();
        var good = "sha256:" + new string('b', 64);
        _fake.Manifests["library/evil:latest"] = System.Text.Encoding.UTF8.GetBytes(RegistryTestKit.ManifestJson(good, 2, (digest, 10)));
        var (_, lines) = await _server.StreamAsync("/api/pull", $$"""{"model":"{{_fake.Authority}}/library/evil","insecure":true}""");
        Assert.Equal("invalid manifest: invalid digest format", lines[^1].Str("error"));
        Assert.Empty(_server.BlobFiles());
        Assert.DoesNotContain(_fake.Authorizations.Skip(1), _ => true);
    }

    [Fact]
    public async Task OversizeAndEndlessManifests_AreStopped()
    {
        _server.AllowLoopback().MaxManifestBytes = 64 << 10;
        _fake.Override = async context =>
        {
            if (context.Request.Path.Value!.Contains("/big/", StringComparison.Ordinal))
            {
                context.Response.ContentLength = 1 << 20;
                await context.Response.Body.WriteAsync(new byte[1 << 20]);
                return true;
            }

            if (context.Request.Path.Value!.Contains("/endless/", StringComparison.Ordinal))
            {
                var chunk = new byte[16 << 10];
                Array.Fill(chunk, (byte)' ');
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }

                return true;
            }

            return false;
        };
        foreach (var model in new[] { "big", "endless" })
        {
            var (_, lines) = await _server.StreamAsync("/api/pull", $$"""{"model":"{{_fake.Authority}}/library/{{model}}","insecure":true}""");
            Assert.Equal($"manifest is larger than {64 << 10} bytes", lines[^1].Str("error"));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BlobLongerThanDeclared_OrEndless_IsCutAtTheDeclaredSize(bool endless)
    {
        _server.AllowLoopback(partSize: 1 << 20);
        var content = RandomNumberGenerator.GetBytes(300_000);
        var config = _fake.AddBlob("{}"u8.ToArray());
        var digest = _fake.AddBlob(content);
        _fake.Manifests["library/long:latest"] = System.Text.Encoding.UTF8.GetBytes(RegistryTestKit.ManifestJson(config, 2, (digest, content.Length)));
        _fake.Override = async context =>
        {
            if (!context.Request.Path.Value!.EndsWith(digest, StringComparison.Ordinal) || HttpMethods.IsHead(context.Request.Method))
            {
                return false;
            }

            // Ignores Range, sends the blob and then garbage (forever when endless).
            await context.Response.Body.WriteAsync(content, context.RequestAborted);
            var garbage = new byte[64 << 10];
            for (var i = 0; endless ? !context.RequestAborted.IsCancellationRequested : i < 4; i++)
            {
                await context.Response.Body.WriteAsync(garbage, context.RequestAborted);
            }

            return true;
        };
        var (_, lines) = await _server.StreamAsync("/api/pull", $$"""{"model":"{{_fake.Authority}}/library/long","insecure":true}""");
        Assert.Equal("success", lines[^1].Str("status"));
        Assert.Equal(content.Length, new FileInfo(Path.Combine(_server.StoreDirectory, "blobs", digest.Replace(':', '-'))).Length);
    }

    [Theory]
    [InlineData("169.254.169.254/library/x")]
    [InlineData("metadata.google.internal/library/x")]
    [InlineData("[fe80::1]/library/x")]
    [InlineData("127.0.0.1:1/library/x")]
    [InlineData("localhost:1/library/x")]
    public async Task PrivateRegistryHosts_AreRefusedByDefault(string model)
    {
        var (status, body) = await Native.Http.PostAsync(_server, "/api/pull", $$"""{"model":"{{model}}","insecure":true}""");
        if (status == 400 && body.Contains("invalid model name", StringComparison.Ordinal))
        {
            return;
        }

        Assert.Equal(400, status);
        Assert.Contains("CORRAL_ALLOW_PRIVATE_REGISTRIES", Native.Http.Error(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopbackRegistry_IsRefusedUnlessAllowed_AndHttpNeedsInsecure()
    {
        var (status, body) = await Native.Http.PostAsync(_server, "/api/pull", $$"""{"model":"{{_fake.Authority}}/library/x","insecure":true}""");
        Assert.Equal(400, status);
        Assert.Contains("CORRAL_ALLOW_PRIVATE_REGISTRIES", body, StringComparison.Ordinal);
        Assert.Empty(_fake.Authorizations);

        _server.AllowLoopback();
        var plain = await Native.Http.PostAsync(_server, "/api/pull", $$"""{"model":"http://{{_fake.Authority}}/library/x"}""");
        Assert.Equal((400, "insecure protocol http"), (plain.Status, Native.Http.Error(plain.Body)));
        var missing = await Native.Http.PostAsync(_server, "/api/pull", $$"""{"model":"{{_fake.Authority}}/library/x","insecure":true,"stream":false}""");
        Assert.Equal((404, "pull model manifest: file does not exist"), (missing.Status, Native.Http.Error(missing.Body)));
    }
}
