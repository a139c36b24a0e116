using System.Security.Cryptography;
using System.Text;
using Corral.TestKit;

namespace Corral.Server.Tests.Native;

/// <summary>A model whose weights llama.cpp cannot load fails its own requests with a clear error while another model,
/// mid-stream, keeps answering (real server, real models, a blob damaged on disk after it was created).</summary>
public sealed class CrashContainmentTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task A_model_that_fails_to_load_does_not_disturb_another_models_stream()
    {
        await _server.CreateFromFileAsync("good", TestModels.Stories260K);
        await _server.CreateFromFileAsync("broken", TestModels.TinyLlama);
        var hex = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(TestModels.TinyLlama, TestContext.Current.CancellationToken)));
        var blob = Path.Combine(_server.StoreDirectory, "blobs", "sha256-" + hex);
        RenameArchitecture(blob, "llama", "llamz"); // same size, so the store still accepts it; llama.cpp does not know it

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate")
        {
            Content = new StringContent("""{"model":"good","prompt":"Once upon a time","options":{"num_predict":400}}""", Encoding.UTF8, "application/json"),
        };
        using var response = await _server.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var stream = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.False(Http.Json((await stream.ReadLineAsync(TestContext.Current.CancellationToken))!).GetProperty("done").GetBoolean());

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var (status, body) = await _server.PostAsync("/api/generate", """{"model":"broken","prompt":"Once","stream":false}""");
            Assert.Equal(500, status);
            Assert.Equal($"llama.cpp could not load sha256-{hex}: error loading model: unknown model architecture: 'llamz'; failed to load model", Http.Error(body));
        }

        var lines = new List<string>();
        while (await stream.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            lines.Add(line);
        }

        var last = Http.Json(lines[^1]);
        Assert.True(last.GetProperty("done").GetBoolean(), lines[^1]);
        Assert.False(last.TryGetProperty("error", out _), lines[^1]);
        Assert.True(last.GetProperty("eval_count").GetInt32() > 1);

        var (ok, after) = await _server.PostAsync("/api/generate", """{"model":"good","prompt":"The cat","stream":false,"options":{"num_predict":4}}""");
        Assert.True(ok == 200, after);
        var ps = Http.Json((await _server.SendAsync(HttpMethod.Get, "/api/ps")).Body).GetProperty("models");
        Assert.Equal("good:latest", Assert.Single(ps.EnumerateArray()).GetProperty("name").GetString());
    }

    /// <summary>Overwrites the value of <c>general.architecture</c> with another name of the same length.</summary>
    private static void RenameArchitecture(string path, string from, string to)
    {
        var bytes = File.ReadAllBytes(path);
        var key = Encoding.ASCII.GetBytes("general.architecture");
        var at = bytes.AsSpan().IndexOf(key) + key.Length;
        var value = at + 4 + 8; // value type (u32), string length (u64), then the text
        Assert.Equal(from, Encoding.ASCII.GetString(bytes, value, from.Length));
        Encoding.ASCII.GetBytes(to).CopyTo(bytes, value);
        File.WriteAllBytes(path, bytes);
    }
}
