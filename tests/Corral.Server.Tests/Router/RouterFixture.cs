using System.Text;
using Corral.Routing;
using Corral.Routing.Configuration;
using Corral.Routing.Log;
using Corral.TestKit;
using Corral.TestKit.Upstreams;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Server.Tests.Router;

/// <summary>
/// A real Corral server with a routes file in front of two fake upstreams on loopback (one speaking Anthropic's
/// Messages API, one OpenAI's Chat Completions) and the real stories260K model as <c>tiny</c>.
/// </summary>
public sealed class RouterFixture : IAsyncLifetime
{
    public const string AnthropicKey = "sk-ant-test-0123456789-SECRET";
    public const string OpenAIKey = "sk-openai-test-9876543210-SECRET";

    /// <summary>Fault cases: each gets its own providers and models, so cooldowns of one never touch another.</summary>
    public static readonly string[] FaultCases = ["e500", "e503", "e529", "e429", "quota", "billing", "auth", "slow", "refused", "cutearly"];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "corral-router-" + Guid.NewGuid().ToString("N"));
    private ServerFixture _server = null!;

    public FakeUpstream Anthropic { get; private set; } = null!;

    public FakeUpstream OpenAI { get; private set; } = null!;

    public ServerFixture Server => _server;

    public HttpClient Http => _server.Http;

    public Uri BaseAddress => _server.BaseAddress;

    public string RoutesPath => Path.Combine(_directory, "routes.yaml");

    public ChatRouter Router => _server.Server.Services.GetRequiredService<ChatRouter>();

    public RouterConfigSource Routes => _server.Server.Services.GetRequiredService<RouterConfigSource>();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Anthropic = await FakeUpstream.StartAsync();
        Anthropic.Answer = new FakeAnswer { Text = "Answer from the Anthropic upstream.", InputTokens = 21, OutputTokens = 6 };
        OpenAI = await FakeUpstream.StartAsync();
        OpenAI.Answer = new FakeAnswer { Text = "Answer from the OpenAI upstream.", InputTokens = 19, OutputTokens = 6 };
        await File.WriteAllTextAsync(RoutesPath, Yaml());
        _server = new ServerFixture(settings => settings with
        {
            RoutesFile = RoutesPath,
            Environment = name => name switch
            {
                "FAKE_ANTHROPIC_KEY" => AnthropicKey,
                "FAKE_OPENAI_KEY" => OpenAIKey,
                _ => null,
            },
        });
        await _server.InitializeAsync();
        // Answers bounded by the model (a request's limit still wins): an unbounded one runs to the end of the context,
        // which on a loaded machine takes minutes and says nothing more about routing.
        await _server.CreateFromFileAsync("tiny", TestModels.Stories260K, ""","parameters":{"num_predict":48}""");
    }

    public string Yaml(string smartPrimary = "anthropic/claude-test")
    {
        var yaml = new StringBuilder();
        yaml.Append($$"""
            providers:
              anthropic:
                type: anthropic
                base_url: {{Anthropic.BaseUri}}
                api_key_env: FAKE_ANTHROPIC_KEY
                timeouts: {first_token: 5s, idle: 5s}
                prices:
                  claude-test: {input: 3, output: 15}
              openai:
                type: openai
                base_url: {{OpenAI.OpenAIBaseUri}}
                api_key_env: FAKE_OPENAI_KEY
              down:
                type: openai
                base_url: {{FakeUpstream.RefusedUri()}}v1
                api_key_env: FAKE_OPENAI_KEY

            """);
        foreach (var c in FaultCases)
        {
            var url = c == "refused" ? FakeUpstream.RefusedUri().ToString() : Anthropic.BaseUri.ToString();
            yaml.Append($$"""
                  a-{{c}}:
                    type: anthropic
                    base_url: {{url}}
                    api_key_env: FAKE_ANTHROPIC_KEY
                    timeouts: {connect: 2s, first_token: 700ms, idle: 2s}

                """);
        }

        yaml.Append($$"""
            routes:
              smart:
                targets: [{{smartPrimary}}, openai/gpt-test, local/tiny]
              gpt-4o-mini:
                targets: [openai/gpt-test, anthropic/claude-test]
              claude-sonnet-4-5:
                targets: [anthropic/claude-sonnet-4-5, openai/gpt-test]
              lastresort:
                targets: [down/gpt-test, local/tiny]
              shadowed:
                targets: [openai/gpt-shadowed]
                shadow: {target: local/tiny, sample: 1}
              triage:
                targets: [anthropic/claude-test]
                fast_path:
                  target: local/tiny
                  rules:
                    - task: [classify]

            """);
        foreach (var c in FaultCases)
        {
            yaml.Append($$"""
                  f-{{c}}:
                    targets: [a-{{c}}/claude-{{c}}, openai/gpt-{{c}}]

                """);
        }

        yaml.Append("""
            cooldowns: {rate_limited: 30s, quota_exhausted: 1h, breaker_failures: 50, breaker_open: 30s}
            """);
        return yaml.ToString();
    }

    /// <summary>The log's records of one request, in attempt order (after the background writer caught up).</summary>
    public async Task<IReadOnlyList<AttemptRecord>> RecordsAsync(string requestId)
    {
        var log = _server.Server.Services.GetRequiredService<SqliteRouterLog>();
        await log.FlushAsync(TestContext.Current.CancellationToken);
        var records = await log.QueryAsync(new RouterLogQuery { RequestId = requestId }, TestContext.Current.CancellationToken);
        return records.OrderBy(r => r.Attempt).ToArray();
    }

    public async Task<IReadOnlyList<AttemptRecord>> AllRecordsAsync()
    {
        var log = _server.Server.Services.GetRequiredService<SqliteRouterLog>();
        await log.FlushAsync(TestContext.Current.CancellationToken);
        return await log.QueryAsync(new RouterLogQuery { Limit = RouterLogQuery.MaxLimit }, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await Anthropic.DisposeAsync();
        await OpenAI.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
