using Corral.Core.Models;
using Corral.TestKit;

namespace Corral.Server.Tests.Native;

/// <summary>
/// With no <c>num_ctx</c> and no <c>CORRAL_CONTEXT_LENGTH</c>, a model runs with its trained context, shrunk only when
/// free memory (a fake reading given to the server) cannot hold it; <c>/api/ps</c> reports the context chosen, and a
/// prompt longer than it gets an error instead of being cut.
/// </summary>
public sealed class DefaultContextTests : IAsyncLifetime
{
    private long _available = long.MaxValue;
    private readonly ServerFixture _server;

    public DefaultContextTests() => _server = new(settings => settings with
    {
        Core = settings.Core with { DefaultContextLength = 0, NumParallel = 1, NumParallelIsDefault = false },
        AvailableMemory = () => Volatile.Read(ref _available),
    });

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("tiny", TestModels.TinyRandom); // trained for 4096 tokens
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<int> LoadedContext()
    {
        var (status, body) = await _server.PostAsync("/api/generate", """{"model":"tiny","keep_alive":"10m"}""");
        Assert.True(status == 200, body);
        var ps = Assert.Single(Http.Json((await _server.SendAsync(HttpMethod.Get, "/api/ps")).Body).GetProperty("models").EnumerateArray());
        return ps.GetProperty("context_length").GetInt32();
    }

    [Fact]
    public async Task The_trained_context_is_the_default_and_shrinks_only_to_fit_memory()
    {
        Assert.Equal(4096, await LoadedContext());
        var (status, body) = await _server.PostAsync("/api/generate", """{"model":"tiny","keep_alive":0}""");
        Assert.True(status == 200, body);

        // Room for 2048 tokens of context but not 4096.
        var shape = MemoryEstimator.ShapeOf(TestModels.TinyRandom);
        var fits = MemoryEstimator.Estimate(shape, 2048, 1).TotalBytes;
        var full = MemoryEstimator.Estimate(shape, 4096, 1).TotalBytes;
        Volatile.Write(ref _available, fits + ((full - fits) / 2));
        Assert.Equal(2048, await LoadedContext());

        // A prompt the shrunk context cannot hold is refused with the numbers when truncation is off, and otherwise
        // cut with the count in the response (Ollama's native default), never silently.
        var prompt = string.Join(' ', Enumerable.Repeat("hello world", 1500));
        (status, body) = await _server.PostAsync("/api/generate", $$"""{"model":"tiny","prompt":"{{prompt}}","truncate":false,"stream":false}""");
        Assert.True(status == 400, body[..Math.Min(400, body.Length)]);
        Assert.Contains("num_ctx 2048", Http.Error(body), StringComparison.Ordinal);
        (status, body) = await _server.PostAsync("/api/generate", $$$"""{"model":"tiny","prompt":"{{{prompt}}}","stream":false,"options":{"num_predict":1}}""");
        Assert.True(status == 200, body[..Math.Min(400, body.Length)]);
        Assert.True(Http.Json(body).GetProperty("truncated_tokens").GetInt32() > 0);
    }
}
