using Corral.Routing.Configuration;
using Corral.Routing.Upstreams;
using static Corral.Routing.Tests.RoutesConfiguration.RoutesFileTestData;

namespace Corral.Routing.Tests.RoutesConfiguration;

public sealed class RoutesFileMappingTests
{
    private const string Full = """
        providers:
          anthropic:
            type: anthropic
            base_url: https://api.anthropic.com
            api_key_env: ANTHROPIC_API_KEY
            headers: {anthropic-beta: "x"}
            timeouts: {connect: 5s, first_token: 60s, idle: 30s}
            prices:
              claude-sonnet-4-5: {input: 3, output: 15, cached_input: 0.3}
          openai:
            type: openai
            api_key_env: OPENAI_API_KEY
        routes:
          smart:
            targets:
              - anthropic/claude-sonnet-4-5
              - {target: openai/gpt-4o, timeouts: {first_token: 20s}}
              - local/qwen3:8b
          gpt-4o-mini:
            targets: [openai/gpt-4o-mini, local/qwen3]
            fast_path:
              target: local/qwen3
              rules:
                - task: [classify, summarize, extract]
                - {max_prompt_tokens: 2000, has_tools: false}
                - has_schema: true
              escalate: [schema_mismatch, tool_parse_failure]
            shadow: {target: local/qwen3, sample: 0.1}
        cooldowns: {rate_limited: 30s, max_retry_after: 10m, quota_exhausted: 1h, breaker_failures: 3, breaker_open: 30s}
        log: {path: router.db, jsonl: router.jsonl, content: hash}
        """;

    [Fact]
    public void FullFileMapsToTheRecords()
    {
        using var dir = new TempDirectory();
        var config = Parse(Full, baseDirectory: dir.Path);

        Assert.Equal(["anthropic", "local", "openai"], config.Providers.Keys.Order(StringComparer.Ordinal));
        var anthropic = config.Providers["anthropic"];
        Assert.Equal(ProviderKind.Anthropic, anthropic.Kind);
        Assert.Equal(new Uri("https://api.anthropic.com"), anthropic.BaseUrl);
        Assert.Equal(AnthropicKey, anthropic.ApiKey!.Reveal());
        Assert.Equal("env:ANTHROPIC_API_KEY", anthropic.ApiKey.Source);
        Assert.Equal("x", anthropic.Headers["Anthropic-Beta"]);
        Assert.Equal(new TargetTimeouts { Connect = TimeSpan.FromSeconds(5), FirstToken = TimeSpan.FromSeconds(60), Idle = TimeSpan.FromSeconds(30) }, anthropic.Timeouts);
        Assert.Equal(new ModelPrice(3m, 15m, 0.3m), anthropic.Prices["claude-sonnet-4-5"]);

        var openai = config.Providers["openai"];
        Assert.Equal(ProviderKind.OpenAI, openai.Kind);
        Assert.Equal(new Uri("https://api.openai.com/v1"), openai.BaseUrl);
        Assert.Equal(OpenAIKey, openai.ApiKey!.Reveal());
        Assert.Empty(openai.Headers);
        Assert.Equal(TargetTimeouts.None, openai.Timeouts);

        var local = config.Providers["local"];
        Assert.Equal(ProviderKind.Local, local.Kind);
        Assert.Null(local.BaseUrl);
        Assert.Null(local.ApiKey);

        Assert.Equal(["gpt-4o-mini", "smart"], config.Routes.Keys.Order(StringComparer.Ordinal));
        var smart = config.Routes["smart"];
        Assert.Equal("smart", smart.Name);
        Assert.Equal(["anthropic/claude-sonnet-4-5", "openai/gpt-4o", "local/qwen3:8b"], smart.Targets.Select(t => t.ToString()));
        Assert.Equal("anthropic", smart.Targets[0].Provider);
        Assert.Equal("claude-sonnet-4-5", smart.Targets[0].Model);
        Assert.Equal(anthropic.Timeouts, smart.Targets[0].Timeouts);
        Assert.Equal(new TargetTimeouts { FirstToken = TimeSpan.FromSeconds(20) }, smart.Targets[1].Timeouts);
        Assert.Equal("local", smart.Targets[2].Provider);
        Assert.Equal("qwen3:8b", smart.Targets[2].Model);
        Assert.Null(smart.FastPath);
        Assert.Null(smart.Shadow);

        var mini = config.Routes["gpt-4o-mini"];
        Assert.Equal(["openai/gpt-4o-mini", "local/qwen3"], mini.Targets.Select(t => t.ToString()));
        var fast = mini.FastPath!;
        Assert.Equal("local/qwen3", fast.Target.ToString());
        Assert.True(fast.EscalateOnSchemaFailure);
        Assert.True(fast.EscalateOnToolParseFailure);
        Assert.Equal(3, fast.Rules.Count);
        Assert.Equal(["classify", "summarize", "extract"], fast.Rules[0].Tasks!);
        Assert.Equal("task=classify|summarize|extract", fast.Rules[0].Description);
        Assert.Null(fast.Rules[0].MaxPromptTokens);
        Assert.Equal(new FastPathRule { MaxPromptTokens = 2000, HasTools = false, Description = "max_prompt_tokens=2000,has_tools=false" }, fast.Rules[1]);
        Assert.Equal(new FastPathRule { HasSchema = true, Description = "has_schema=true" }, fast.Rules[2]);
        Assert.Equal("local/qwen3", mini.Shadow!.Target.ToString());
        Assert.Equal(0.1, mini.Shadow.SampleRate);

        Assert.Equal(new CooldownConfig
        {
            RateLimited = TimeSpan.FromSeconds(30),
            MaxRetryAfter = TimeSpan.FromMinutes(10),
            QuotaExhausted = TimeSpan.FromHours(1),
            BreakerFailures = 3,
            BreakerOpen = TimeSpan.FromSeconds(30),
        }, config.Cooldowns);
        Assert.Equal(new LogConfig { Path = Path.Combine(dir.Path, "router.db"), Jsonl = Path.Combine(dir.Path, "router.jsonl"), Content = LogContent.Hash }, config.Log);
    }

    [Fact]
    public void EmptyFileHasOnlyTheLocalProviderAndDefaults()
    {
        var config = Parse("");
        Assert.Equal(["local"], config.Providers.Keys);
        Assert.Empty(config.Routes);
        Assert.Equal(new CooldownConfig(), config.Cooldowns);
        Assert.Equal(new LogConfig(), config.Log);
    }

    [Fact]
    public void TypeDefaultsToTheProviderNameAndModelMayHoldSlashesAndColons()
    {
        var config = Parse(Providers + """

            routes:
              hf: {targets: [local/hf.co/bartowski/Qwen3-8B-GGUF:Q4_K_M, openai/org/model:v1]}
            """);
        var targets = config.Routes["hf"].Targets;
        Assert.Equal(("local", "hf.co/bartowski/Qwen3-8B-GGUF:Q4_K_M"), (targets[0].Provider, targets[0].Model));
        Assert.Equal(("openai", "org/model:v1"), (targets[1].Provider, targets[1].Model));
    }

    [Fact]
    public void LoopbackOpenAICompatibleServerNeedsNoKey()
    {
        var config = Parse("""
            providers:
              vllm: {type: openai, base_url: "http://127.0.0.1:8000/v1/"}
              lmstudio: {type: openai, base_url: "http://localhost:1234/v1"}
            routes:
              qwen: {targets: vllm/Qwen/Qwen3-8B}
            """, Environment());
        Assert.Equal(new Uri("http://127.0.0.1:8000/v1"), config.Providers["vllm"].BaseUrl);
        Assert.Null(config.Providers["vllm"].ApiKey);
        Assert.Null(config.Providers["lmstudio"].ApiKey);
        Assert.Equal("Qwen/Qwen3-8B", Assert.Single(config.Routes["qwen"].Targets).Model);
    }

    [Fact]
    public void DurationsAcceptGoSyntax()
    {
        var config = Parse("cooldowns: {rate_limited: 250ms, max_retry_after: 1h30m, quota_exhausted: 5m, breaker_open: 1.5s}");
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.Cooldowns.RateLimited);
        Assert.Equal(TimeSpan.FromMinutes(90), config.Cooldowns.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Cooldowns.QuotaExhausted);
        Assert.Equal(TimeSpan.FromSeconds(1.5), config.Cooldowns.BreakerOpen);
    }

    [Fact]
    public void AnchorsAndAliasesAreResolved()
    {
        var config = Parse(Providers + """

            routes:
              a: {targets: &chain [anthropic/claude-sonnet-4-5, local/qwen3]}
              b: {targets: *chain}
            """);
        Assert.Equal(config.Routes["a"].Targets, config.Routes["b"].Targets);
    }

    [Fact]
    public void LocalMayBeDeclaredWithTimeoutsAndPrices()
    {
        var config = Parse("""
            providers:
              local:
                timeouts: {first_token: 2m}
            """);
        Assert.Equal(ProviderKind.Local, config.Providers["local"].Kind);
        Assert.Equal(TimeSpan.FromMinutes(2), config.Providers["local"].Timeouts.FirstToken);
    }
}
