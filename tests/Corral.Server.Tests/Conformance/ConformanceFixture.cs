using System.Text.Json.Nodes;
using Corral.Server.Tests.Native;

namespace Corral.Server.Tests.Conformance;

/// <summary>A server with the <see cref="ModelsFixture"/> models plus the case file's template models (a tool-rendering
/// and a thinking template over the ChatML TinyLlama). Shared by the .NET conformance theory and the Node suite.</summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    private readonly ModelsFixture _models = new();

    public ServerFixture Inner => _models.Inner;

    public async ValueTask InitializeAsync()
    {
        await _models.InitializeAsync();
        foreach (var (name, template) in ConformanceSuite.Instance.Models)
        {
            var body = new JsonObject { ["model"] = name, ["from"] = "chatml", ["template"] = template, ["stream"] = false };
            var (status, text) = await Inner.PostAsync("/api/create", body.ToJsonString());
            Assert.True(status == 200, text);
        }
    }

    public ValueTask DisposeAsync() => _models.DisposeAsync();
}
