using System.Text.Json;
using Corral.Routing.Configuration;
using Corral.Routing.Preloading;
using Corral.Server.Tests.Native;
using Corral.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Tests.Router;

/// <summary>Routes with <c>preload: true</c> have their local models loaded in the background, at start and on a
/// reload, without any chat call; <c>/api/ps</c> shows them.</summary>
public sealed class RouterPreloadTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "corral-preload-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Store => Path.Combine(_directory, "models");

    private string RoutesPath => Path.Combine(_directory, "routes.yaml");

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_preloaded_route_has_its_local_model_loaded_after_start_without_a_call()
    {
        await using var server = await StartWithTinyPreloadedForeverAsync();

        var model = await LoadedAsync(server, "tiny:latest");
        Assert.True(model.GetProperty("expires_at").GetDateTime() > DateTime.UtcNow.AddYears(10), model.GetRawText()); // keep_alive: -1
    }

    [Fact]
    public async Task A_reload_that_adds_preload_loads_the_model_and_a_failed_preload_waits_for_the_next_reload()
    {
        await File.WriteAllTextAsync(RoutesPath, """
            routes:
              warm:
                targets: [local/tiny]
                preload: true
            """, Ct);
        await using var server = Server(routes: true); // tiny does not exist yet: the preload fails, the start does not
        await server.InitializeAsync();
        var preloader = server.Server.Services.GetRequiredService<RoutePreloader>();
        var deadline = DateTime.UtcNow + Patience;
        while (preloader.CompletedPasses < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the start's preload was not tried");
            await Task.Delay(50, Ct);
        }

        await server.CreateFromFileAsync("tiny", TestModels.Stories260K);
        await Task.Delay(500, Ct);
        Assert.Empty(await PsAsync(server)); // the failed preload is not retried on its own

        await File.WriteAllTextAsync(RoutesPath, """
            routes:
              warm:
                targets: [local/tiny]
              other:
                targets: [local/tiny]
                preload: true
                keep_alive: 30m
            """, Ct);
        Assert.True(server.Server.Services.GetRequiredService<RouterConfigSource>().Reload());

        var model = await LoadedAsync(server, "tiny:latest");
        var expires = model.GetProperty("expires_at").GetDateTime().ToUniversalTime();
        Assert.InRange(expires, DateTime.UtcNow.AddMinutes(25), DateTime.UtcNow.AddMinutes(31));
    }

    [Fact]
    public async Task Removing_preload_gives_the_model_the_default_keep_alive_back_and_never_loads_it()
    {
        await using var server = await StartWithTinyPreloadedForeverAsync();
        var model = await LoadedAsync(server, "tiny:latest");
        Assert.True(model.GetProperty("expires_at").GetDateTime() > DateTime.UtcNow.AddYears(10), model.GetRawText());

        // The route stays but no longer preloads: the model keeps running, now under the server's 5-minute default.
        await File.WriteAllTextAsync(RoutesPath, """
            routes:
              warm:
                targets: [local/tiny]
            """, Ct);
        var preloader = server.Server.Services.GetRequiredService<RoutePreloader>();
        var passes = preloader.CompletedPasses;
        Assert.True(server.Server.Services.GetRequiredService<RouterConfigSource>().Reload());
        await PassAsync(preloader, passes + 1);
        model = await LoadedAsync(server, "tiny:latest");
        var expires = model.GetProperty("expires_at").GetDateTime().ToUniversalTime();
        Assert.InRange(expires, DateTime.UtcNow.AddMinutes(4), DateTime.UtcNow.AddMinutes(6));

        // Preloaded again, stopped by the user, then dropped again: the release does not load it back.
        await File.WriteAllTextAsync(RoutesPath, """
            routes:
              warm:
                targets: [local/tiny]
                preload: true
                keep_alive: 2h
            """, Ct);
        Assert.True(server.Server.Services.GetRequiredService<RouterConfigSource>().Reload());
        await PassAsync(preloader, passes + 2);
        var (status, body) = await server.PostAsync("/api/generate", """{"model":"tiny","keep_alive":0}""");
        Assert.True(status == 200, body);
        Assert.Empty(await PsAsync(server));
        await File.WriteAllTextAsync(RoutesPath, """
            routes:
              warm:
                targets: [local/tiny]
            """, Ct);
        Assert.True(server.Server.Services.GetRequiredService<RouterConfigSource>().Reload());
        await PassAsync(preloader, passes + 3);
        Assert.Empty(await PsAsync(server));
    }

    /// <summary>A store holding <c>tiny</c> (stories260K) and a server whose route <c>warm</c> preloads it with keep_alive -1.</summary>
    private async Task<ServerFixture> StartWithTinyPreloadedForeverAsync()
    {
        await using (var seed = Server(routes: false))
        {
            await seed.InitializeAsync();
            await seed.CreateFromFileAsync("tiny", TestModels.Stories260K);
        }

        await File.WriteAllTextAsync(RoutesPath, """
            routes:
              warm:
                targets: [local/tiny]
                preload: true
                keep_alive: -1
            """, Ct);
        var server = Server(routes: true);
        await server.InitializeAsync();
        return server;
    }

    private static async Task PassAsync(RoutePreloader preloader, int passes)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (preloader.CompletedPasses < passes)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the preloader did not finish pass {passes}");
            await Task.Delay(50, Ct);
        }
    }

    private ServerFixture Server(bool routes) => new(settings => settings with
    {
        Core = settings.Core with { ModelsDirectory = Store },
        RoutesFile = routes ? RoutesPath : null,
    });

    private static async Task<JsonElement> LoadedAsync(ServerFixture server, string name)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var models = await PsAsync(server);
            if (models.FirstOrDefault(m => m.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } model)
            {
                return model;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name} was not preloaded within {Patience.TotalSeconds} s; /api/ps lists {models.Count} model(s)");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<List<JsonElement>> PsAsync(ServerFixture server)
    {
        var json = await server.Http.GetStringAsync("/api/ps", Ct);
        return [.. JsonDocument.Parse(json).RootElement.GetProperty("models").EnumerateArray().Select(m => m.Clone())];
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
