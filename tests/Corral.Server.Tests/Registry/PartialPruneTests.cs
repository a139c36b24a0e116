using Corral.Core;
using Corral.Core.Registry;

namespace Corral.Server.Tests.Registry;

/// <summary>At start the server removes unfinished downloads nobody resumed for a week, and keeps younger ones.</summary>
public sealed class PartialPruneTests : IAsyncLifetime
{
    private readonly string _store = Path.Combine(Path.GetTempPath(), "corral-prune-" + Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_store, "blobs"));
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_store, recursive: true);
        return ValueTask.CompletedTask;
    }

    private string Put(string name, TimeSpan age, int bytes = 16)
    {
        var path = Path.Combine(_store, "blobs", name);
        File.WriteAllBytes(path, new byte[bytes]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public async Task ServerStart_RemovesStalePartials_KeepsYoungOnesAndEverythingElse()
    {
        var stale = "sha256-" + new string('a', 64);
        var young = "sha256-" + new string('b', 64);
        var week = TimeSpan.FromDays(8);
        string[] removed = [Put(stale + "-partial", week, 4096), Put(stale + "-partial-0", week), Put(stale + "-partial-1", week),
            Put($".upload-{Guid.NewGuid():N}.tmp", week), Put($".link-{Guid.NewGuid():N}.tmp", week)];

        // A resumable download whose data is old but whose last part was written an hour ago is still in use.
        string[] kept = [Put(young + "-partial", week), Put(young + "-partial-0", week), Put(young + "-partial-1", TimeSpan.FromHours(1)),
            Put("sha256-" + new string('c', 64), week), Put("sha256-ZZZ-partial", week), Put($".upload-{Guid.NewGuid():N}.tmp", TimeSpan.FromMinutes(5))];

        await using (var server = await CorralServer.StartAsync(ServerFixture.Settings(_store), TestContext.Current.CancellationToken))
        {
            Assert.All(removed, path => Assert.False(File.Exists(path), Path.GetFileName(path)));
            Assert.All(kept, path => Assert.True(File.Exists(path), Path.GetFileName(path)));
        }
    }

    [Fact]
    public void Prune_CountsDownloadsAndBytes_AndNoPruneIsReadFromEitherVariable()
    {
        var stale = "sha256-" + new string('d', 64);
        Put(stale + "-partial", TimeSpan.FromDays(2), 1000);
        Put(stale + "-partial-0", TimeSpan.FromDays(2), 24);
        Assert.Equal(new PruneResult(0, 0), PartialPruner.PruneStale(Path.Combine(_store, "blobs"), TimeSpan.FromDays(3), DateTimeOffset.UtcNow));
        Assert.Equal(new PruneResult(1, 1024), PartialPruner.PruneStale(Path.Combine(_store, "blobs"), TimeSpan.FromDays(1), DateTimeOffset.UtcNow));
        Assert.Equal(new PruneResult(0, 0), PartialPruner.PruneStale(Path.Combine(_store, "missing"), TimeSpan.Zero, DateTimeOffset.UtcNow));

        Assert.False(RegistryOptions.FromEnvironment(_ => null).NoPrune);
        Assert.True(RegistryOptions.FromEnvironment(n => n == "OLLAMA_NOPRUNE" ? "1" : null).NoPrune);
        Assert.True(RegistryOptions.FromEnvironment(n => n == "CORRAL_NOPRUNE" ? "true" : null).NoPrune);
    }
}
