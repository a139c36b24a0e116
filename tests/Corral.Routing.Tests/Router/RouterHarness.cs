using Corral.Api.Models;
using Corral.Routing.Calls;
using Corral.Routing.Configuration;
using Corral.Routing.Upstreams;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Corral.Routing.Tests.Router;

/// <summary>A router over three fake providers (anthropic, openai, local) and an in-memory log, on a fake clock.</summary>
internal sealed class RouterHarness : IAsyncDisposable
{
    public RouterHarness(Func<RouterConfig, RouterConfig>? configure = null, double sample = 0.5)
    {
        var providers = new Dictionary<string, ProviderConfig>(StringComparer.Ordinal)
        {
            ["anthropic"] = new()
            {
                Name = "anthropic",
                Kind = ProviderKind.Anthropic,
                Prices = new Dictionary<string, ModelPrice> { ["claude"] = new(3m, 15m, 0.3m), ["claude-haiku"] = new(1m, 5m) },
            },
            ["openai"] = new() { Name = "openai", Kind = ProviderKind.OpenAI },
            ["local"] = new() { Name = "local", Kind = ProviderKind.Local },
        };
        var routes = new Dictionary<string, RouteConfig>(StringComparer.Ordinal)
        {
            ["smart"] = new()
            {
                Name = "smart",
                Targets = [Target("anthropic", "claude"), Target("openai", "gpt"), Target("local", "qwen")],
            },
        };
        Config = new RouterConfig { Providers = providers, Routes = routes };
        if (configure is not null)
        {
            Config = configure(Config);
        }

        Fakes = new Dictionary<string, FakeProvider>(StringComparer.Ordinal)
        {
            ["anthropic"] = Anthropic,
            ["openai"] = OpenAI,
            ["local"] = Local,
        };
        Router = new ChatRouter(() => Config, new ProviderCache(p => Fakes[p.Name]), Log, Time, NullLogger.Instance, () => sample);
    }

    public RouterConfig Config { get; set; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public ListLog Log { get; } = new();

    public FakeProvider Anthropic { get; } = new("anthropic");

    public FakeProvider OpenAI { get; } = new("openai");

    public FakeProvider Local { get; } = new("local", isLocal: true);

    public Dictionary<string, FakeProvider> Fakes { get; }

    public ChatRouter Router { get; }

    public static TargetConfig Target(string provider, string model) => new() { Provider = provider, Model = model };

    public static ChatRequest Request(string model = "smart", string content = "hello", System.Text.Json.JsonElement? format = null) => new()
    {
        Model = model,
        Messages = [new Message { Role = "user", Content = content }],
        Format = format,
    };

    /// <summary>Runs one call to the end; returns the text, what served it, and the request id.</summary>
    public async Task<Result> CallAsync(ChatRequest? request = null, string? task = null, CancellationToken cancellationToken = default)
    {
        ServedBy? served = null;
        var info = new CallInfo { Protocol = "openai", Task = task, OnServed = s => served = s };
        var text = new System.Text.StringBuilder();
        var chunks = 0;
        await foreach (var chunk in Router.ChatAsync(request ?? Request(), info, cancellationToken))
        {
            if (chunks == 0)
            {
                Assert.NotNull(served); // headers are decided before the first byte
            }

            chunks++;
            text.Append(chunk.Message.Content);
        }

        return new Result(text.ToString(), served, info.RequestId, Log.For(info.RequestId));
    }

    public ValueTask DisposeAsync() => Router.DisposeAsync();

    public sealed record Result(string Text, ServedBy? Served, string RequestId, IReadOnlyList<Corral.Routing.Log.AttemptRecord> Records);

    public static UpstreamException Error(FailureClass failure, int? status = null, TimeSpan? retryAfter = null) =>
        new(failure, $"fake {failure}", status, retryAfter);
}
