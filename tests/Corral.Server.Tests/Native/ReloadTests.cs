using System.Text.Json;
using Corral.TestKit;

namespace Corral.Server.Tests.Native;

/// <summary>No reload thrash over a real server: a smaller <c>num_ctx</c> or a sampling option is served by the loaded
/// model; an option that changes placement reloads it, and <c>/api/ps</c> says why.</summary>
public sealed class ReloadTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("stories", TestModels.Stories260K);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<JsonElement> Generate(string options)
    {
        var (status, body) = await _server.PostAsync("/api/generate", $$"""{"model":"stories","prompt":"Once","stream":false,"options":{{options}}}""");
        Assert.True(status == 200, body);
        return Http.Json(body);
    }

    private async Task<string?> LoadReason() =>
        Assert.Single(Http.Json((await _server.SendAsync(HttpMethod.Get, "/api/ps")).Body).GetProperty("models").EnumerateArray())
            .GetProperty("load_reason").GetString();

    [Fact]
    public async Task Smaller_context_and_sampling_options_reuse_the_model_and_a_placement_change_reloads_saying_why()
    {
        Assert.True((await Generate("""{"num_predict":2}""")).GetProperty("load_duration").GetInt64() > 0);
        Assert.Equal("first request", await LoadReason());

        foreach (var options in new[] { """{"num_predict":2,"num_ctx":1024}""", """{"num_predict":2,"temperature":0.1,"top_k":5,"seed":3}""" })
        {
            var served = await Generate(options);
            Assert.False(served.TryGetProperty("load_duration", out var load) && load.GetInt64() > 0, served.ToString());
            Assert.Equal("first request", await LoadReason());
        }

        var reloaded = await Generate("""{"num_predict":2,"num_batch":256}""");
        Assert.True(reloaded.GetProperty("load_duration").GetInt64() > 0);
        Assert.Equal("reloaded: num_batch 512 -> 256", await LoadReason());
    }
}
