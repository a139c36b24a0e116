using System.Text.Json;
using Corral.Cli;
using Corral.Core.Models;
using Corral.TestKit;

namespace Corral.Server.Tests.Native;

/// <summary>The memory planner on a machine with little free memory (a fake reading given to the server): with
/// <c>CORRAL_NUM_PARALLEL</c> unset it chooses fewer parallel sequences, and <c>/api/ps</c> and <c>corral ps</c> say so.</summary>
public sealed class PlannedParallelismTests : IAsyncLifetime
{
    private long _available = long.MaxValue;
    private readonly ServerFixture _server;

    public PlannedParallelismTests() => _server = new(settings => settings with
    {
        Core = settings.Core with { NumParallelIsDefault = true },
        AvailableMemory = () => Volatile.Read(ref _available),
    });

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("stories", TestModels.Stories260K);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>Free memory between what <paramref name="parallel"/> and one more sequence need at the server's default context.</summary>
    private static long RoomFor(int parallel)
    {
        var shape = MemoryEstimator.ShapeOf(TestModels.Stories260K);
        var fits = MemoryEstimator.Estimate(shape, 2048, parallel).TotalBytes;
        var tooMany = MemoryEstimator.Estimate(shape, 2048, parallel + 1).TotalBytes;
        Assert.True(tooMany > fits);
        return fits + (tooMany - fits) / 2;
    }

    private async Task<JsonElement> LoadAndShow()
    {
        var (status, body) = await _server.PostAsync("/api/generate", """{"model":"stories","keep_alive":"10m"}""");
        Assert.True(status == 200, body);
        return Assert.Single(Http.Json((await _server.SendAsync(HttpMethod.Get, "/api/ps")).Body).GetProperty("models").EnumerateArray());
    }

    private async Task Unload()
    {
        var (status, body) = await _server.PostAsync("/api/generate", """{"model":"stories","keep_alive":0}""");
        Assert.True(status == 200, body);
        Assert.Empty(Http.Json((await _server.SendAsync(HttpMethod.Get, "/api/ps")).Body).GetProperty("models").EnumerateArray());
    }

    private async Task<string> CorralPs()
    {
        var (code, stdout, stderr) = await Cli.CliHarness.RunAsync(_server.BaseAddress, ["ps"]);
        Assert.True(code == 0, stderr);
        return stdout;
    }

    private static string Column(string table, string header)
    {
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var at = lines[0].IndexOf(header, StringComparison.Ordinal);
        Assert.True(at >= 0, table);
        return Assert.Single(lines[1..])[at..].Split(' ')[0];
    }

    [Fact]
    public async Task Little_free_memory_makes_the_planner_choose_fewer_sequences_and_ps_says_so()
    {
        Volatile.Write(ref _available, RoomFor(2));
        var two = await LoadAndShow();
        Assert.Equal(2, two.GetProperty("parallel").GetInt32());
        Assert.Equal(2048, two.GetProperty("context_length").GetInt32());
        Assert.Equal("2", Column(await CorralPs(), "PARALLEL"));
        await Unload();

        Volatile.Write(ref _available, RoomFor(1));
        var one = await LoadAndShow();
        Assert.Equal(1, one.GetProperty("parallel").GetInt32());
        Assert.Equal("1", Column(await CorralPs(), "PARALLEL"));
        Assert.Contains("first request", await CorralPs(), StringComparison.Ordinal);

        // One sequence at a time: the last stream cannot start before another has finished.
        string[] prompts = ["Once upon a time", "Tom and his dog", "The sun was", "Lily wanted to play"];
        var streams = await StreamOrder.RunAsync(_server, [.. prompts.Select((p, i) =>
            $$$"""{"model":"stories","prompt":"{{{p}}}","options":{"seed":{{{i}}},"num_predict":300}}""")]);
        Assert.True(streams.Max(s => s.FirstToken) > streams.Min(s => s.Done),
            $"events (first token, done): {string.Join(", ", streams.Select(s => (s.FirstToken, s.Done)))}");
    }

    [Fact]
    public async Task A_load_that_cannot_fit_is_refused_with_the_sizes_and_the_next_one_that_fits_loads()
    {
        Volatile.Write(ref _available, 1024 * 1024);
        var (status, body) = await _server.PostAsync("/api/generate", """{"model":"stories","prompt":"Once","stream":false}""");
        Assert.Equal(500, status);
        Assert.Matches(@"^model requires more system memory \(0\.\d GiB\) than is available \(0\.0 GiB\)$", Http.Error(body));
        Assert.Empty(Http.Json((await _server.SendAsync(HttpMethod.Get, "/api/ps")).Body).GetProperty("models").EnumerateArray());

        Volatile.Write(ref _available, RoomFor(1));
        Assert.Equal(1, (await LoadAndShow()).GetProperty("parallel").GetInt32());
    }
}
