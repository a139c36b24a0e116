using Corral.TestKit;
using OllamaSharp;

namespace Corral.Server.Tests.Native;

/// <summary>tags, show, ps, copy, delete and the create flow, through OllamaSharp and raw HTTP.</summary>
public sealed class ModelManagementTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private OllamaApiClient Client() => new(new HttpClient { BaseAddress = _server.BaseAddress });

    [Fact]
    public async Task Create_List_Show_Copy_Delete_BehaveAsOllama()
    {
        var ct = TestContext.Current.CancellationToken;
        await _server.CreateFromFileAsync("Stories", TestModels.Stories260K,
            """, "system":"You tell stories.", "parameters":{"temperature":0.5,"stop":["<end>","THE END"]}, "messages":[{"role":"user","content":"hi"}], "license":"MIT" """);

        var models = (await Client().ListLocalModelsAsync(ct)).ToList();
        var model = Assert.Single(models);
        Assert.Equal("Stories:latest", model.Name);
        Assert.Equal(64, model.Digest.Length);
        Assert.True(model.Size > 1_000_000);
        Assert.Equal("llama", model.Details.Family);
        Assert.Equal("gguf", model.Details.Format);
        Assert.False(string.IsNullOrEmpty(model.Details.ParameterSize));
        Assert.False(string.IsNullOrEmpty(model.Details.QuantizationLevel));

        // Names are case-insensitive and normalize like Ollama's.
        var show = await Client().ShowModelAsync("registry.ollama.ai/library/stories:latest", ct);
        Assert.Equal("You tell stories.", show.System);
        Assert.Equal("MIT", show.License);
        Assert.Contains("temperature", show.Parameters, StringComparison.Ordinal);
        Assert.Contains("\"THE END\"", show.Parameters, StringComparison.Ordinal);
        Assert.Contains("completion", show.Capabilities!);
        Assert.Equal("llama", show.Info.Architecture);
        Assert.Contains("FROM Stories:latest", show.Modelfile, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.StoreDirectory, show.Modelfile, StringComparison.Ordinal);

        await Client().CopyModelAsync("stories", "gpt-4o-mini", ct);
        Assert.Equal(2, (await Client().ListLocalModelsAsync(ct)).Count());
        var copied = await _server.PostAsync("/api/generate",
            """{"model":"gpt-4o-mini","prompt":"Once","stream":false,"options":{"num_predict":3}}""");
        Assert.Equal(200, copied.Status);

        await Client().DeleteModelAsync("stories", ct);
        var left = Assert.Single(await Client().ListLocalModelsAsync(ct));
        Assert.Equal("gpt-4o-mini:latest", left.Name);

        // The copy still works: its blobs were shared, so deleting the original freed nothing it needs.
        Assert.Equal(200, (await _server.PostAsync("/api/show", """{"model":"gpt-4o-mini"}""")).Status);
        await Client().DeleteModelAsync("gpt-4o-mini", ct);
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(_server.StoreDirectory, "blobs")), f => !Path.GetFileName(f).StartsWith('.'));
    }

    [Fact]
    public async Task ShowModelfile_RoundTripsThroughCreate()
    {
        await _server.CreateFromFileAsync("base", TestModels.Stories260K,
            """, "system":"Line one\nline two", "parameters":{"top_k":7,"stop":["a b"]}, "messages":[{"role":"assistant","content":"Hello \"there\""}] """);
        var first = Http.Json((await _server.PostAsync("/api/show", """{"model":"base"}""")).Body);

        // What `corral create copy -f Modelfile` sends for this Modelfile: parsed on the client, typed parameters.
        var modelfile = Corral.Modelfile.Modelfile.Parse(first.GetProperty("modelfile").GetString()!);
        Assert.Equal("base:latest", modelfile.From);
        Assert.Equal("Line one\nline two", modelfile.System);
        var create = await _server.PostAsync("/api/create",
            """{"model":"copy","from":"base:latest","system":"Line one\nline two","parameters":{"top_k":7,"stop":["a b"]},"messages":[{"role":"assistant","content":"Hello \"there\""}],"stream":false}""");
        Assert.Equal(200, create.Status);

        var second = Http.Json((await _server.PostAsync("/api/show", """{"model":"copy"}""")).Body);
        foreach (var field in new[] { "system", "parameters", "messages", "details" })
        {
            Assert.Equal(first.GetProperty(field).GetRawText(), second.GetProperty(field).GetRawText());
        }
    }

    [Fact]
    public async Task Create_InvalidGguf_Is400NamingTheProblem_AndServerKeepsServing()
    {
        await _server.CreateFromFileAsync("good", TestModels.Stories260K);
        foreach (var invalid in TestModels.Invalid.Append(WriteGarbage()))
        {
            var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(invalid)));
            await using (var file = File.OpenRead(invalid))
            {
                var upload = await _server.Http.PostAsync($"/api/blobs/{digest}", new StreamContent(file), TestContext.Current.CancellationToken);
                Assert.Equal(System.Net.HttpStatusCode.Created, upload.StatusCode);
            }

            var (status, body) = await _server.PostAsync("/api/create", $$"""{"model":"bad","files":{"m.gguf":"{{digest}}"},"stream":false}""");
            Assert.Equal(400, status);
            Assert.Contains("is not a usable GGUF file", Http.Error(body), StringComparison.Ordinal);
            Assert.DoesNotContain(_server.StoreDirectory, body, StringComparison.Ordinal);
        }

        Assert.Single(await Client().ListLocalModelsAsync(TestContext.Current.CancellationToken));
        var (ok, _) = await _server.PostAsync("/api/generate", """{"model":"good","prompt":"Once","stream":false,"options":{"num_predict":2}}""");
        Assert.Equal(200, ok);
    }

    [Theory]
    [InlineData("sha256:../../../etc/passwd")]
    [InlineData("sha256:%2e%2e%2f")]
    [InlineData("sha256:ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("sha256:0123")]
    [InlineData("md5:0123456789abcdef0123456789abcdef")]
    public async Task Blobs_BadDigest_Is400_BeforeAnyFileIsTouched(string digest)
    {
        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/blobs/" + Uri.EscapeDataString(digest), "x");
        Assert.Equal(400, status);
        Assert.Equal("invalid digest format", Http.Error(body));
        Assert.False(Directory.Exists(Path.Combine(_server.StoreDirectory, "blobs")));
    }

    [Fact]
    public async Task Blobs_DigestMismatch_Is400_AndNothingIsKept()
    {
        var digest = "sha256:" + new string('a', 64);
        var (status, body) = await _server.SendAsync(HttpMethod.Post, "/api/blobs/" + digest, "not the content");
        Assert.Equal(400, status);
        Assert.Contains("digest mismatch", Http.Error(body), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(_server.StoreDirectory, "blobs")));
        var (head, _) = await _server.SendAsync(HttpMethod.Head, "/api/blobs/" + digest);
        Assert.Equal(404, head);
    }

    [Theory]
    [InlineData("""{"model":"x"}""", "neither 'from' or 'files' was specified")]
    [InlineData("""{"model":"x","files":{"/etc/passwd":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "file path must be relative")]
    [InlineData("""{"model":"x","files":{"../m.gguf":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "file path must be relative")]
    [InlineData("""{"model":"x","files":{"m.gguf":"sha256:AAAA"}}""", "invalid digest format")]
    [InlineData("""{"model":"x","files":{"m.gguf":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}""", "was not uploaded")]
    [InlineData("""{"model":"a/../b","from":"x"}""", "invalid model name")]
    [InlineData("""{"model":"x","from":"missing"}""", "model 'missing' not found")]
    public async Task Create_BadRequests_FailClearly(string body, string message)
    {
        var (status, text) = await _server.PostAsync("/api/create", body);
        Assert.InRange(status, 400, 404);
        Assert.Contains(message, Http.Error(text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SameNameTwiceAtOnce_OneWinsWhole()
    {
        await _server.CreateFromFileAsync("a", TestModels.Stories260K);
        var tasks = Enumerable.Range(0, 8).Select(i => _server.PostAsync("/api/create",
            $$"""{"model":"same","from":"a","system":"variant {{i}}","stream":false}""")).ToArray();
        var results = await Task.WhenAll(tasks);
        Assert.All(results, r => Assert.Equal(200, r.Status));
        var show = Http.Json((await _server.PostAsync("/api/show", """{"model":"same"}""")).Body);
        Assert.Matches("^variant [0-7]$", show.GetProperty("system").GetString());
        var manifests = Directory.GetFiles(Path.Combine(_server.StoreDirectory, "manifests"), "*", SearchOption.AllDirectories);
        Assert.Equal(2, manifests.Length);
    }

    [Fact]
    public async Task Ps_ShowsLoadedModel_AndKeepAliveZeroUnloads()
    {
        await _server.CreateFromFileAsync("s", TestModels.Stories260K);
        var (load, loadBody) = await _server.PostAsync("/api/generate", """{"model":"s","keep_alive":"10m"}""");
        Assert.Equal(200, load);
        Assert.Equal("load", Http.Json(loadBody.Split('\n')[0]).GetProperty("done_reason").GetString());

        var running = Assert.Single(await Client().ListRunningModelsAsync(TestContext.Current.CancellationToken));
        Assert.Equal("s:latest", running.Name);
        Assert.True(running.Size > 0);
        Assert.InRange(running.ExpiresAt, DateTime.UtcNow.AddMinutes(9), DateTime.UtcNow.AddMinutes(11));

        var (_, unloadBody) = await _server.PostAsync("/api/generate", """{"model":"s","keep_alive":0}""");
        Assert.Equal("unload", Http.Json(unloadBody.Split('\n')[0]).GetProperty("done_reason").GetString());
        Assert.Empty(await Client().ListRunningModelsAsync(TestContext.Current.CancellationToken));
    }

    private static string WriteGarbage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"garbage-{Guid.NewGuid():N}.gguf");
        File.WriteAllBytes(path, "GGUF\u0003\0\0\0 this is not really a model"u8.ToArray());
        return path;
    }
}
