using System.Net.Http.Headers;
using Corral.TestKit;

namespace Corral.Server.Tests.Registry;

/// <summary>Push to and pull from a real distribution 2.8 registry, and corral-to-corral pulls over loopback.</summary>
public sealed class RegistryDockerTests(DockerRegistryFixture registry) : IClassFixture<DockerRegistryFixture>, IAsyncLifetime
{
    private readonly ServerFixture _source = new();
    private readonly ServerFixture _target = new();

    public async ValueTask InitializeAsync()
    {
        await _source.InitializeAsync();
        await _target.InitializeAsync();
        _source.AllowLoopback();
        _target.AllowLoopback();
        await _source.CreateFromFileAsync("stories", TestModels.Stories260K, """, "system":"You tell stories." """);
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task Push_ThenPull_IntoEmptyStore_AndGenerate()
    {
        var remote = $"{registry.Authority}/library/stories:latest";
        Assert.Equal(200, (await Native.Http.PostAsync(_source, "/api/copy", $$"""{"source":"stories","destination":"{{remote}}"}""")).Status);

        var (pushStatus, push) = await _source.StreamAsync("/api/push", $$"""{"model":"{{remote}}","insecure":true}""");
        Assert.Equal(200, pushStatus);
        Assert.Equal("retrieving manifest", push[0].Str("status"));
        Assert.Contains(push, l => l.Str("status")?.StartsWith("pushing ", StringComparison.Ordinal) == true && l.Long("total") > 1_000_000);
        Assert.Equal(["pushing manifest", "success"], push.TakeLast(2).Select(l => l.Str("status")));

        using var http = new HttpClient();
        using var check = new HttpRequestMessage(HttpMethod.Get, $"http://{registry.Authority}/v2/library/stories/manifests/latest");
        check.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.docker.distribution.manifest.v2+json"));
        Assert.True((await http.SendAsync(check, TestContext.Current.CancellationToken)).IsSuccessStatusCode);

        var (status, lines) = await _target.StreamAsync("/api/pull", $$"""{"model":"{{remote}}","insecure":true}""");
        Assert.Equal(200, status);
        var statuses = lines.Select(l => l.Str("status")).ToList();
        Assert.Equal("pulling manifest", statuses[0]);
        var model = Assert.Single(lines, l => l.Long("total") > 1_000_000 && l.Long("completed") == l.Long("total"));
        Assert.Matches("^pulling [0-9a-f]{12}$", model.Str("status"));
        Assert.StartsWith("sha256:", model.Str("digest"), StringComparison.Ordinal);
        Assert.Equal(["verifying sha256 digest", "writing manifest", "success"], statuses.TakeLast(3));
        Assert.DoesNotContain(_target.BlobFiles(), f => f.Contains("partial", StringComparison.Ordinal));

        var generate = await Native.Http.PostAsync(_target, "/api/generate",
            $$"""{"model":"{{remote}}","prompt":"Once","stream":false,"options":{"num_predict":3} }""");
        Assert.Equal(200, generate.Status);

        // Everything is cached now: stream:false folds to the final line.
        var again = await Native.Http.PostAsync(_target, "/api/pull", $$"""{"model":"{{remote}}","insecure":true,"stream":false}""");
        Assert.Equal((200, """{"status":"success"}"""), (again.Status, again.Body.Trim()));
    }

    [Fact]
    public async Task CorralToCorral_PullsFromTheOtherServersV2Endpoints()
    {
        var remote = $"{_source.BaseAddress.Authority}/library/stories:latest";
        var (status, lines) = await _target.StreamAsync("/api/pull", $$"""{"model":"{{remote}}","insecure":true}""");
        Assert.Equal(200, status);
        Assert.Equal("success", lines[^1].Str("status"));
        var show = await Native.Http.PostAsync(_target, "/api/show", $$"""{"model":"{{remote}}"}""");
        Assert.Equal(200, show.Status);
        Assert.Contains("You tell stories.", show.Body, StringComparison.Ordinal);
        var generate = await Native.Http.PostAsync(_target, "/api/generate",
            $$"""{"model":"{{remote}}","prompt":"Once","stream":false,"options":{"num_predict":3} }""");
        Assert.Equal(200, generate.Status);
    }

    [Fact]
    public async Task V2Endpoints_ServeRangesAndRejectBadDigests()
    {
        var stored = Directory.GetFiles(Path.Combine(_source.StoreDirectory, "blobs"), "sha256-*").OrderByDescending(f => new FileInfo(f).Length).First();
        var digest = "sha256:" + Path.GetFileName(stored)[7..];
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/library/stories/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(10, 19);
        using var response = await _source.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(206, (int)response.StatusCode);
        Assert.Equal(File.ReadAllBytes(stored)[10..20], await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        foreach (var bad in new[] { "sha256:abc", digest.ToUpperInvariant(), "sha256:..%2f..%2fetc%2fpasswd", digest + "0", digest.Replace(':', '-') })
        {
            var (code, body) = await Native.Http.SendAsync(_source, HttpMethod.Get, $"/v2/library/stories/blobs/{bad}");
            Assert.True(code is 400 or 404, $"{bad}: {code}");
            Assert.DoesNotContain(_source.StoreDirectory, body, StringComparison.Ordinal);
        }
    }
}
