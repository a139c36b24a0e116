using System.Text;
using Corral.TestKit;
using Microsoft.AspNetCore.Http;

namespace Corral.Server.Tests.Registry;

/// <summary>Resume, sharing, corruption, auth and redirects, against a fake registry that can misbehave on purpose.</summary>
public sealed class RegistryPullTests : IAsyncLifetime
{
    private readonly ServerFixture _source = new();
    private readonly ServerFixture _target = new();
    private FakeRegistry _fake = null!;

    public async ValueTask InitializeAsync()
    {
        await _source.InitializeAsync();
        await _target.InitializeAsync();
        _target.AllowLoopback(partSize: 64 << 10);
        _fake = await FakeRegistry.StartAsync();
        await _source.CreateFromFileAsync("stories", TestModels.Stories260K);
    }

    public async ValueTask DisposeAsync()
    {
        await _fake.DisposeAsync();
        await _source.DisposeAsync();
        await _target.DisposeAsync();
    }

    private string Pull(string repository) => $$"""{"model":"{{_fake.Authority}}/{{repository}}","insecure":true}""";

    [Fact]
    public async Task CancelledPull_Resumes_WithoutRedownloadingFinishedParts()
    {
        var manifest = _fake.Seed(_source.StoreDirectory, "stories", "library/stories:latest");
        var model = manifest.Layers.Single(l => l.Size > 1_000_000);
        var half = model.Size / 2;
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _fake.BlobGate = async (from, ct) =>
        {
            if (from >= half)
            {
                await released.Task.WaitAsync(ct);
            }
        };

        var (_, first) = await _target.StreamAsync("/api/pull", Pull("library/stories:latest"),
            stopWhen: l => l.Str("digest") == model.Digest && l.Long("completed") >= half / 2);
        Assert.DoesNotContain(first, l => l.Str("status") == "success");
        await WaitUntilAsync(() => _target.BlobFiles().Any(f => f.EndsWith("-partial-0", StringComparison.Ordinal)));
        Assert.Empty(Assert.IsType<string[]>(_target.BlobFiles().Where(f => f == model.Digest.Replace(':', '-')).ToArray()));

        released.SetResult();
        var servedBefore = _fake.BlobBytesServed;
        var (status, second) = await _target.StreamAsync("/api/pull", Pull("library/stories:latest"));
        Assert.Equal(200, status);
        Assert.Equal("success", second[^1].Str("status"));
        var resumedAt = second.First(l => l.Str("digest") == model.Digest).Long("completed");
        Assert.True(resumedAt >= half / 2, $"resumed at {resumedAt}");
        var transferred = _fake.BlobBytesServed - servedBefore;
        Assert.True(transferred < model.Size, $"second pull transferred {transferred} of {model.Size}");
        Assert.DoesNotContain(_target.BlobFiles(), f => f.Contains("partial", StringComparison.Ordinal));
        var generate = await Native.Http.PostAsync(_target, "/api/generate",
            $$"""{"model":"{{_fake.Authority}}/library/stories","prompt":"Once","stream":false,"options":{"num_predict":2} }""");
        Assert.Equal(200, generate.Status);
    }

    [Fact]
    public async Task ConcurrentPulls_ShareOneDownloadOfEachBlob()
    {
        var manifest = _fake.Seed(_source.StoreDirectory, "stories", "library/a:latest");
        _fake.Manifests["library/b:latest"] = _fake.Manifests["library/a:latest"];
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _fake.BlobGate = (_, ct) => released.Task.WaitAsync(ct);
        var a = _target.StreamAsync("/api/pull", Pull("library/a:latest"));
        var b = _target.StreamAsync("/api/pull", Pull("library/b:latest"));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        released.SetResult();
        Assert.Equal("success", (await a).Lines[^1].Str("status"));
        Assert.Equal("success", (await b).Lines[^1].Str("status"));
        Assert.Equal(manifest.AllBlobs().Sum(l => l.Size), _fake.BlobBytesServed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OneStreamAtATime_MoreOnlyWhileItIsSlow(bool slow)
    {
        _fake.Seed(_source.StoreDirectory, "stories", "library/stories:latest");
        var options = _target.AllowLoopback(partSize: 64 << 10);
        options.RampInterval = TimeSpan.FromMilliseconds(20);
        options.SingleStreamRate = slow ? double.MaxValue : 0;
        var (held, most) = (0, 0);
        _fake.BlobGate = async (from, ct) =>
        {
            // Only the model blob has parts after the first (every other blob fits one 64 KiB part).
            if (from == 0)
            {
                return;
            }

            var now = Interlocked.Increment(ref held);
            InterlockedMax(ref most, now);
            try
            {
                await Task.Delay(30, ct);
            }
            finally
            {
                Interlocked.Decrement(ref held);
            }
        };

        var (status, lines) = await _target.StreamAsync("/api/pull", Pull("library/stories:latest"));
        Assert.Equal(200, status);
        Assert.Equal("success", lines[^1].Str("status"));
        if (slow)
        {
            Assert.True(Volatile.Read(ref most) > 1, $"at most {most} parts in flight");
        }
        else
        {
            Assert.Equal(1, Volatile.Read(ref most));
        }

        static void InterlockedMax(ref int target, int value)
        {
            for (var seen = Volatile.Read(ref target); seen < value; seen = Volatile.Read(ref target))
            {
                if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                {
                    return;
                }
            }
        }
    }

    [Fact]
    public async Task CorruptedBlob_FailsWithDigestMismatch_AndInstallsNothing()
    {
        var manifest = _fake.Seed(_source.StoreDirectory, "stories", "library/stories:latest");
        var model = manifest.Layers.Single(l => l.Size > 1_000_000);
        var bytes = (byte[])_fake.Blobs[model.Digest].Clone();
        bytes[bytes.Length / 2] ^= 0xFF;
        _fake.Blobs[model.Digest] = bytes;

        var (_, lines) = await _target.StreamAsync("/api/pull", Pull("library/stories:latest"));
        var error = lines[^1].Str("error")!;
        Assert.StartsWith($"digest mismatch, file must be downloaded again: want {model.Digest}, got sha256:", error, StringComparison.Ordinal);
        Assert.DoesNotContain(_target.StoreDirectory, error, StringComparison.Ordinal);
        Assert.DoesNotContain(_target.BlobFiles(), f => f.StartsWith(model.Digest.Replace(':', '-'), StringComparison.Ordinal));
        Assert.Contains("\"models\":[]", (await Native.Http.SendAsync(_target, HttpMethod.Get, "/api/tags")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerAuth_CredentialsOnlyToOwnRealm_AndNeverToRedirectTargets()
    {
        await using var cdn = await FakeRegistry.StartAsync();
        var manifest = cdn.Seed(_source.StoreDirectory, "stories", "library/stories:latest");
        _fake.Manifests["library/stories:latest"] = cdn.Manifests["library/stories:latest"];
        var tokenAuth = new List<string?>();
        _fake.Override = async context =>
        {
            if (context.Request.Path == "/token")
            {
                tokenAuth.Add(context.Request.Headers.Authorization.FirstOrDefault());
                await context.Response.WriteAsync("""{"token":"good"}""");
                return true;
            }

            if (context.Request.Headers.Authorization != "Bearer good")
            {
                context.Response.StatusCode = 401;
                context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{_fake.Authority}/token\",service=\"fake\",scope=\"repository:library/stories:pull\"";
                return true;
            }

            if (context.Request.Path.Value!.Contains("/blobs/", StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = 307;
                context.Response.Headers.Location = $"http://{cdn.Authority}{context.Request.Path}";
                return true;
            }

            return false;
        };
        var options = _target.AllowLoopback();
        options.Credentials[_fake.Authority] = "user:secret";
        _fake.Blobs.Clear();
        foreach (var layer in manifest.AllBlobs())
        {
            _fake.Blobs[layer.Digest] = cdn.Blobs[layer.Digest];
        }

        var (_, lines) = await _target.StreamAsync("/api/pull", Pull("library/stories:latest"));
        Assert.Equal("success", lines[^1].Str("status"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("user:secret")), Assert.Single(tokenAuth));
        Assert.NotEmpty(cdn.Authorizations);
        Assert.All(cdn.Authorizations, Assert.Null);
    }

    [Fact]
    public async Task ForeignRealm_GetsNoCredentials()
    {
        await using var realm = await FakeRegistry.StartAsync();
        realm.Override = async context =>
        {
            await context.Response.WriteAsync("""{"token":"good"}""");
            return true;
        };
        _fake.Seed(_source.StoreDirectory, "stories", "library/stories:latest");
        _fake.Override = context =>
        {
            if (context.Request.Headers.Authorization == "Bearer good")
            {
                return Task.FromResult(false);
            }

            context.Response.StatusCode = 401;
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"http://{realm.Authority}/token\"";
            return Task.FromResult(true);
        };
        _target.AllowLoopback().Credentials[_fake.Authority] = "user:secret";
        var (_, lines) = await _target.StreamAsync("/api/pull", Pull("library/stories:latest"));
        Assert.Equal("success", lines[^1].Str("status"));
        Assert.All(realm.Authorizations, Assert.Null);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }
}
