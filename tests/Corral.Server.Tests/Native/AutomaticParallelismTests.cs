using Corral.TestKit;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Tests.Native;

/// <summary>A server started from an environment without <c>CORRAL_NUM_PARALLEL</c>, serving <c>stories</c> (stories260K).</summary>
public sealed class AutoParallelServer : IAsyncLifetime
{
    public ServerFixture Inner { get; } = new(settings => ServerSettings.FromEnvironment(name => name switch
    {
        "CORRAL_MODELS" => settings.Core.ModelsDirectory,
        _ => null,
    }) with
    {
        Port = 0,
        MinimumLogLevel = LogLevel.Warning,
    });

    public async ValueTask InitializeAsync()
    {
        await Inner.InitializeAsync();
        await Inner.CreateFromFileAsync("stories", TestModels.Stories260K);
    }

    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}

/// <summary>With <c>CORRAL_NUM_PARALLEL</c> unset the scheduler chooses 4 parallel sequences (free memory allowing):
/// concurrent streams are decoded together, each as it would be alone, and <c>/api/ps</c> says how many.</summary>
public sealed class AutomaticParallelismTests(AutoParallelServer fixture) : IClassFixture<AutoParallelServer>
{
    private ServerFixture Server => fixture.Inner;

    [Fact]
    public async Task Unset_num_parallel_decodes_four_streams_together_and_ps_says_4()
    {
        var (status, body) = await Server.PostAsync("/api/generate", """{"model":"stories","keep_alive":"10m"}""");
        Assert.True(status == 200, body);
        var ps = Assert.Single(Http.Json((await Server.SendAsync(HttpMethod.Get, "/api/ps")).Body).GetProperty("models").EnumerateArray());
        Assert.Equal(4, ps.GetProperty("parallel").GetInt32());
        Assert.Equal(2048, ps.GetProperty("context_length").GetInt32());

        string[] prompts = ["Once upon a time", "Tom and his dog", "The sun was", "Lily wanted to play"];
        var streams = await StreamOrder.RunAsync(Server, [.. prompts.Select((p, i) =>
            $$$"""{"model":"stories","prompt":"{{{p}}}","options":{"seed":{{{i}}},"num_predict":1500}}""")]);

        // Decoded together: every stream had its first token before any stream finished. One after another, the
        // fourth stream's first token would come after three streams had finished.
        var lastStart = streams.Max(s => s.FirstToken);
        var firstEnd = streams.Min(s => s.Done);
        Assert.True(lastStart < firstEnd, $"events (first token, done): {string.Join(", ", streams.Select(s => (s.FirstToken, s.Done)))}");
        Assert.All(streams, s => Assert.True(s.Text.Length > 100, s.Text));
    }

    [Fact]
    public async Task Each_concurrent_stream_equals_what_it_produces_alone_with_the_same_seed()
    {
        string[] prompts = ["Once upon a time, there was a little girl", "Tom and his dog went to the park", "The sun was", "Lily wanted to play with her big red ball"];
        var bodies = prompts.Select((p, i) => $$$"""{"model":"stories","prompt":"{{{p}}}","options":{"seed":{{{40 + i}}},"temperature":0.9,"num_predict":{{{40 + 8 * i}}}}}""").ToArray();

        // Start from a fresh load, not from whatever the other test left in the cache: after thousands of cells were
        // used and partly freed, llama.cpp may place a sequence's new cells before its older ones, and it sums
        // attention in cell order, so a sampled token at a near-tie can flip (see docs/BENCHMARKS.md, "One KV pool").
        var (status, unloaded) = await Server.PostAsync("/api/generate", """{"model":"stories","keep_alive":0}""");
        Assert.True(status == 200, unloaded);
        var alone = new List<string>();
        foreach (var body in bodies)
        {
            alone.Add(Assert.Single(await StreamOrder.RunAsync(Server, [body])).Text);
        }

        var together = await StreamOrder.RunAsync(Server, bodies);
        var ps = Assert.Single(Http.Json((await Server.SendAsync(HttpMethod.Get, "/api/ps")).Body).GetProperty("models").EnumerateArray());
        Assert.Equal(4, ps.GetProperty("parallel").GetInt32());
        for (var i = 0; i < bodies.Length; i++)
        {
            Assert.True(alone[i].Length > 20, alone[i]);
            Assert.Equal(alone[i], together[i].Text);
        }
    }
}
