using Corral.Routing.Configuration;
using static Corral.Routing.Tests.RoutesConfiguration.RoutesFileTestData;

namespace Corral.Routing.Tests.RoutesConfiguration;

public sealed class RouterConfigSourceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static string Routes(string model) => $$"""
        routes:
          smart: {targets: [local/{{model}}]}
        """;

    [Fact]
    public void StartUpWithAnInvalidFileThrows()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("routes.yaml", "routes: {smart: {targets: [nope/x]}}");
        var e = Assert.Throws<RoutesFileException>(() => new RouterConfigSource(path, Environment()));
        Assert.StartsWith(path + ":1:28: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartUpWithAMissingFileThrows()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "absent.yaml");
        var e = Assert.Throws<RoutesFileException>(() => new RouterConfigSource(path, Environment()));
        Assert.Equal(path + ": routes file not found", e.Message);
    }

    [Fact]
    public void FromEnvironmentIsNullWhenCorralRoutesIsUnset()
    {
        Assert.Null(RouterConfigSource.FromEnvironment(Environment()));

        using var dir = new TempDirectory();
        var path = dir.Write("routes.yaml", Routes("a"));
        using var source = RouterConfigSource.FromEnvironment(Environment(("CORRAL_ROUTES", path)));
        Assert.Equal("a", source!.Current.Routes["smart"].Targets[0].Model);
    }

    [Fact]
    public async Task ValidChangeIsPickedUp()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("routes.yaml", Routes("a"));
        using var source = new RouterConfigSource(path, Environment());
        var before = source.Current;

        var changed = NextChange(source, Serves("b"));
        await File.WriteAllTextAsync(path, Routes("b"), TestContext.Current.CancellationToken);
        var config = await changed.WaitAsync(Wait, TestContext.Current.CancellationToken);

        Assert.Same(config, source.Current);
        Assert.Equal("b", source.Current.Routes["smart"].Targets[0].Model);
        Assert.Equal("a", before.Routes["smart"].Targets[0].Model);
        Assert.Null(source.LastError);
    }

    [Fact]
    public async Task InvalidChangeKeepsTheLastGoodConfigAndReportsWhy()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("routes.yaml", Routes("a"));
        using var source = new RouterConfigSource(path, Environment());
        var good = source.Current;

        var failed = NextFailure(source);
        await File.WriteAllTextAsync(path, "routes: {smart: {targets: [nope/x]}}", TestContext.Current.CancellationToken);
        var error = await failed.WaitAsync(Wait, TestContext.Current.CancellationToken);

        Assert.Same(good, source.Current);
        Assert.Same(error, source.LastError);
        Assert.Equal(path + ":1:28: routes.smart.targets[0] names provider 'nope', which is not declared under providers", error.Message);

        // Fixing the file clears the error.
        var changed = NextChange(source, Serves("c"));
        await File.WriteAllTextAsync(path, Routes("c"), TestContext.Current.CancellationToken);
        await changed.WaitAsync(Wait, TestContext.Current.CancellationToken);
        Assert.Equal("c", source.Current.Routes["smart"].Targets[0].Model);
        Assert.Null(source.LastError);
    }

    [Fact]
    public async Task SurvivesReplaceByRenameAndDeleteThenRecreate()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("routes.yaml", Routes("a"));
        using var source = new RouterConfigSource(path, Environment());

        // An editor's save: write a temporary file, rename it over the original.
        var changed = NextChange(source, Serves("b"));
        var temp = dir.Write("routes.yaml.tmp", Routes("b"));
        File.Move(temp, path, overwrite: true);
        await changed.WaitAsync(Wait, TestContext.Current.CancellationToken);
        Assert.Equal("b", source.Current.Routes["smart"].Targets[0].Model);

        // Delete, then create again: whatever happens in between, the recreated file wins.
        var recreated = NextChange(source, Serves("c"));
        File.Delete(path);
        await File.WriteAllTextAsync(path, Routes("c"), TestContext.Current.CancellationToken);
        await recreated.WaitAsync(Wait, TestContext.Current.CancellationToken);
        Assert.Equal("c", source.Current.Routes["smart"].Targets[0].Model);

        // And the watcher still works after both.
        var again = NextChange(source, Serves("d"));
        await File.WriteAllTextAsync(path, Routes("d"), TestContext.Current.CancellationToken);
        await again.WaitAsync(Wait, TestContext.Current.CancellationToken);
        Assert.Equal("d", source.Current.Routes["smart"].Targets[0].Model);
    }

    [Fact]
    public void ReloadOnDemandReportsTheOutcome()
    {
        using var dir = new TempDirectory();
        var keyPath = dir.Write("k.key", "first-key");
        var path = dir.Write("routes.yaml", "providers: {openai: {api_key_file: k.key}}");
        using var source = new RouterConfigSource(path, Environment(), debounce: TimeSpan.FromHours(1));

        File.WriteAllText(keyPath, "second-key");
        Assert.True(source.Reload());
        Assert.Equal("second-key", source.Current.Providers["openai"].ApiKey!.Reveal());

        File.Delete(keyPath);
        Assert.False(source.Reload());
        Assert.Equal("second-key", source.Current.Providers["openai"].ApiKey!.Reveal());
        Assert.Equal(path + ":1:36: providers.openai.api_key_file: key file k.key does not exist", source.LastError!.Message);
    }

    /// <summary>A reload may catch the file mid-write (empty, which is a valid file): wait for the content written.</summary>
    private static Func<RouterConfig, bool> Serves(string model) =>
        config => config.Routes.TryGetValue("smart", out var route) && route.Targets[0].Model == model;

    private static Task<RouterConfig> NextChange(RouterConfigSource source, Func<RouterConfig, bool> until)
    {
        var done = new TaskCompletionSource<RouterConfig>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Changed += (_, config) =>
        {
            if (until(config))
            {
                done.TrySetResult(config);
            }
        };
        return done.Task;
    }

    private static Task<RoutesFileException> NextFailure(RouterConfigSource source)
    {
        var done = new TaskCompletionSource<RoutesFileException>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.ReloadFailed += (_, error) => done.TrySetResult(error);
        return done.Task;
    }
}
