using Corral.Gguf;
using Corral.Gguf.Synthetic;

namespace Corral.Server.Tests.Native;

/// <summary>A model the project writes itself (no shared files needed) goes through create and generate.</summary>
public sealed class SyntheticModelTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"corral-synthetic-{Guid.NewGuid():N}.gguf");

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(_file);
    }

    [Fact]
    public async Task SyntheticLlama_WithBuiltInVocab_IsCreatedShownAndGenerates()
    {
        new SyntheticLlamaModel(TransformerShape.TinyLlama, SyntheticVocabulary.BuiltInSpm()) { Seed = 3 }.WriteToFile(_file);
        await _server.CreateFromFileAsync("synthetic", _file);

        var (status, body) = await _server.PostAsync("/api/generate",
            """{"model":"synthetic","prompt":"hello world","stream":false,"options":{"temperature":0,"num_predict":8}}""");
        Assert.True(status == 200, body);
        var json = Http.Json(body);
        Assert.Equal(8, json.GetProperty("eval_count").GetInt32());

        var show = Http.Json((await _server.PostAsync("/api/show", """{"model":"synthetic"}""")).Body);
        Assert.Equal("llama", show.GetProperty("details").GetProperty("family").GetString());
        Assert.Equal(256, show.GetProperty("model_info").GetProperty("llama.context_length").GetInt32());
    }
}
