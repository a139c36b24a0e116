using System.Net.Http.Json;
using Corral.Routing.Configuration;
using Corral.Server.Routing;

namespace Corral.Server.Tests.Router;

/// <summary>The routes file is reloaded while the server runs; a broken edit keeps the last good routes.</summary>
public sealed class RouterReloadTests(RouterFixture fixture) : IClassFixture<RouterFixture>
{
    [Fact]
    public async Task An_edited_routes_file_takes_effect_and_a_broken_one_is_ignored()
    {
        Assert.Equal("anthropic/claude-test", await ServedByAsync());

        await ReloadAsync(() => File.WriteAllTextAsync(fixture.RoutesPath, fixture.Yaml(smartPrimary: "openai/gpt-reloaded"), TestContext.Current.CancellationToken));
        Assert.Equal("openai/gpt-reloaded", await ServedByAsync());

        var failed = new TaskCompletionSource<RoutesFileException>(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Routes.ReloadFailed += (_, e) => failed.TrySetResult(e);
        await File.WriteAllTextAsync(fixture.RoutesPath, "routes:\n  smart:\n    tagets: [nowhere/x]\n", TestContext.Current.CancellationToken);
        var error = await failed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Contains("routes.yaml:3:5", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'targets'", error.Message, StringComparison.Ordinal);
        Assert.Equal("openai/gpt-reloaded", await ServedByAsync()); // still the last good routes
    }

    private async Task ReloadAsync(Func<Task> edit)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<RouterConfig> handler = (_, _) => changed.TrySetResult();
        fixture.Routes.Changed += handler;
        try
        {
            await edit();
            await changed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        }
        finally
        {
            fixture.Routes.Changed -= handler;
        }
    }

    private async Task<string> ServedByAsync()
    {
        using var response = await fixture.Http.PostAsJsonAsync("/api/chat",
            new { model = "smart", stream = false, messages = new[] { new { role = "user", content = "hi" } } }, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return response.Headers.GetValues(ChatGateway.ServedByHeader).Single();
    }
}
