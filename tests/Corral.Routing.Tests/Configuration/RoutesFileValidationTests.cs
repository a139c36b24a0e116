using static Corral.Routing.Tests.RoutesConfiguration.RoutesFileTestData;

namespace Corral.Routing.Tests.RoutesConfiguration;

/// <summary>Each problem is reported with its line and column, all of them at once.</summary>
public sealed class RoutesFileValidationTests
{
    [Fact]
    public void UnknownKeysSayWhatWasMeant()
    {
        var errors = Errors(Providers + """

            routes:
              smart:
                tagets: [local/qwen3]
            cooldown: {}
            """);
        Assert.Equal(
        [
            "routes.yaml:7:3: routes.smart needs targets",
            "routes.yaml:8:5: unknown key 'tagets' in routes.smart (did you mean 'targets'?)",
            "routes.yaml:9:1: unknown key 'cooldown' in the routes file (did you mean 'cooldowns'?)",
        ], errors);
    }

    [Fact]
    public void UnknownKeyFarFromAnyNameHasNoHint() =>
        Assert.Equal("routes.yaml:1:1: unknown key 'frobnicate' in the routes file", Error("frobnicate: 1"));

    [Fact]
    public void WrongTypes()
    {
        var errors = Errors("""
            providers: [anthropic]
            routes:
              smart:
                targets: {a: b}
            cooldowns: {breaker_failures: many}
            log: {content: [hash]}
            """);
        Assert.Equal(
        [
            "routes.yaml:1:12: providers must be a map of provider names",
            "routes.yaml:4:14: routes.smart.targets must be a list",
            "routes.yaml:5:31: cooldowns.breaker_failures must be a whole number",
            "routes.yaml:6:16: log.content must be a string",
        ], errors);
    }

    [Fact]
    public void UnknownProviderType() =>
        Assert.Equal(
            "routes.yaml:3:11: unknown provider type 'antropic' (anthropic, openai or local) (did you mean 'anthropic'?)",
            Error("""
                providers:
                  claude:
                    type: antropic
                """));

    [Fact]
    public void ProviderWithoutTypeNamedOtherwise() =>
        Assert.Equal(
            "routes.yaml:2:3: provider 'claude' needs a type (anthropic, openai or local)",
            Error("""
                providers:
                  claude: {api_key_env: ANTHROPIC_API_KEY}
                """));

    [Fact]
    public void TargetNamingAnUndeclaredProvider() =>
        Assert.Equal(
            "routes.yaml:7:21: routes.smart.targets[0] names provider 'antropic', which is not declared under providers (did you mean 'anthropic'?)",
            Error(Providers + """

                routes:
                  smart: {targets: [antropic/claude-sonnet-4-5]}
                """));

    [Fact]
    public void MissingOrEmptyModel()
    {
        var errors = Errors(Providers + """

            routes:
              a: {targets: [anthropic]}
              b: {targets: [anthropic/]}
              c: {targets: ["/claude"]}
              d: {targets: [""]}
            """);
        Assert.Equal(
        [
            "routes.yaml:7:17: routes.a.targets[0] 'anthropic' must be provider/model (e.g. anthropic/claude-sonnet-4-5, local/qwen3:8b)",
            "routes.yaml:8:17: routes.b.targets[0] 'anthropic/' must be provider/model (e.g. anthropic/claude-sonnet-4-5, local/qwen3:8b)",
            "routes.yaml:9:17: routes.c.targets[0] '/claude' must be provider/model (e.g. anthropic/claude-sonnet-4-5, local/qwen3:8b)",
            "routes.yaml:10:17: routes.d.targets[0] must not be empty",
        ], errors);
    }

    [Fact]
    public void BadUrls()
    {
        var errors = Errors("""
            providers:
              a: {type: openai, base_url: "ftp://example.com/v1", api_key_env: OPENAI_API_KEY}
              b: {type: openai, base_url: "not a url", api_key_env: OPENAI_API_KEY}
              c: {type: openai, base_url: "https://user:hunter2@example.com/v1", api_key_env: OPENAI_API_KEY}
              d: {type: openai, base_url: "https://example.com/v1?x=1", api_key_env: OPENAI_API_KEY}
            """);
        Assert.Equal(
        [
            "routes.yaml:2:31: providers.a.base_url must be an absolute http:// or https:// URL",
            "routes.yaml:3:31: providers.b.base_url must be an absolute http:// or https:// URL",
            "routes.yaml:4:31: providers.c.base_url must not hold credentials: use api_key_env or api_key_file",
            "routes.yaml:5:31: providers.d.base_url must not have a query or a fragment",
        ], errors);
        Assert.DoesNotContain("hunter2", string.Join('\n', errors), StringComparison.Ordinal);
    }

    [Fact]
    public void LocalTakesNoBaseUrlOrKey()
    {
        var errors = Errors("""
            providers:
              local:
                base_url: http://127.0.0.1:11434
                api_key_env: OPENAI_API_KEY
              mine: {type: openai, base_url: "http://127.0.0.1:8000/v1"}
              local2: {type: local, headers: {x: y}}
            """);
        Assert.Equal(
        [
            "routes.yaml:3:5: providers.local: a local provider takes no base_url (it is Corral's own models)",
            "routes.yaml:4:5: providers.local: a local provider takes no api_key_env (it is Corral's own models)",
            "routes.yaml:6:25: providers.local2: a local provider takes no headers (it is Corral's own models)",
        ], errors);
    }

    [Fact]
    public void ProviderNamedLocalMustBeLocal() =>
        Assert.Equal(
            "routes.yaml:2:3: provider 'local' is Corral's own models: its type must be local (give the other provider another name)",
            Error("""
                providers:
                  local: {type: openai, base_url: "http://127.0.0.1:8000/v1"}
                """));

    [Fact]
    public void BothKeySources() =>
        Assert.Equal(
            "routes.yaml:4:19: providers.anthropic: give api_key_env or api_key_file, not both",
            Error("""
                providers:
                  anthropic:
                    api_key_env: ANTHROPIC_API_KEY
                    api_key_file: anthropic.key
                """));

    [Fact]
    public void FrontierProviderWithoutKeyNeedsLoopback()
    {
        var errors = Errors("""
            providers:
              anthropic: {}
              remote: {type: openai, base_url: "http://10.0.0.5:8000/v1"}
            """, Environment());
        Assert.Equal(
        [
            "routes.yaml:2:3: providers.anthropic needs api_key_env or api_key_file (only a loopback base_url may go without a key)",
            "routes.yaml:3:3: providers.remote needs api_key_env or api_key_file (only a loopback base_url may go without a key)",
        ], errors);
    }

    [Fact]
    public void NonPositiveAndMalformedDurations()
    {
        var errors = Errors("""
            cooldowns:
              rate_limited: 0s
              max_retry_after: -5m
              quota_exhausted: 30
              breaker_open: soon
              breaker_failures: 0
            """);
        Assert.Equal(
        [
            "routes.yaml:2:17: cooldowns.rate_limited must be greater than zero",
            "routes.yaml:3:20: cooldowns.max_retry_after must be greater than zero",
            "routes.yaml:4:20: cooldowns.quota_exhausted must be a duration such as 250ms, 30s, 5m or 1h30m",
            "routes.yaml:5:17: cooldowns.breaker_open must be a duration such as 250ms, 30s, 5m or 1h30m",
            "routes.yaml:6:21: cooldowns.breaker_failures must be greater than 0",
        ], errors);
    }

    [Fact]
    public void TargetTimeoutsAreValidated() =>
        Assert.Equal(
            "routes.yaml:7:67: routes.smart.targets[0].timeouts.first_token must be greater than zero",
            Error(Providers + """

                routes:
                  smart: {targets: [{target: local/qwen3, timeouts: {first_token: 0ms}}]}
                """));

    [Fact]
    public void SampleOutsideZeroToOne()
    {
        var errors = Errors("""
            routes:
              a: {targets: [local/qwen3], shadow: {target: local/llama3, sample: 1.5}}
              b: {targets: [local/qwen3], shadow: {target: local/llama3, sample: -0.1}}
              c: {targets: [local/qwen3], shadow: {target: local/llama3}}
            """);
        Assert.Equal(
        [
            "routes.yaml:2:70: routes.a.shadow.sample must be between 0 and 1",
            "routes.yaml:3:70: routes.b.shadow.sample must be between 0 and 1",
            "routes.yaml:4:39: routes.c.shadow needs sample (0..1)",
        ], errors);
    }

    [Fact]
    public void EmptyTargets()
    {
        var errors = Errors("""
            routes:
              a: {targets: []}
              b: {fast_path: {target: local/qwen3, rules: [{task: x}]}}
            """);
        Assert.Equal(
        [
            "routes.yaml:2:16: routes.a.targets must name at least one target",
            "routes.yaml:3:3: routes.b needs targets",
        ], errors);
    }

    [Fact]
    public void DuplicateRouteAndProviderNames()
    {
        var errors = Errors(Providers + """

              anthropic: {api_key_env: ANTHROPIC_API_KEY}
            routes:
              smart: {targets: [local/qwen3]}
              smart: {targets: [local/llama3]}
            """);
        Assert.Equal(
        [
            "routes.yaml:6:3: duplicate provider 'anthropic' in providers",
            "routes.yaml:9:3: duplicate route 'smart' in routes",
        ], errors);
    }

    [Fact]
    public void DuplicateKeyInsideAMap() =>
        Assert.Equal(
            "routes.yaml:2:27: duplicate key 'targets' in routes.a",
            Error("""
                routes:
                  a: {targets: [local/x], targets: [local/y]}
                """));

    [Fact]
    public void RouteNamesMustBeModelNames()
    {
        var errors = Errors("""
            routes:
              "my route": {targets: [local/qwen3]}
              -dash: {targets: [local/qwen3]}
              ok.name_1-2:latest: {targets: [local/qwen3]}
            """);
        Assert.Equal(
        [
            "routes.yaml:2:3: route name 'my route' is not a valid model name (letters, digits, '_', '-', '.', an optional :tag)",
            "routes.yaml:3:3: route name '-dash' is not a valid model name (letters, digits, '_', '-', '.', an optional :tag)",
        ], errors);
    }

    [Fact]
    public void FastPathRulesNeedAConditionAndKnownEscalations()
    {
        var errors = Errors("""
            routes:
              a:
                targets: [local/qwen3]
                fast_path:
                  target: local/qwen3
                  rules:
                    - {}
                    - {tsk: classify}
                    - {max_prompt_tokens: -1}
                  escalate: [schema_mismatch, tool_parse_fail]
              b:
                targets: [local/qwen3]
                fast_path: {target: local/qwen3, rules: []}
            """);
        Assert.Equal(
        [
            "routes.yaml:7:11: routes.a.fast_path.rules[0] has no condition (task, max_prompt_tokens, has_schema or has_tools): it would match every call",
            "routes.yaml:8:11: routes.a.fast_path.rules[1] has no condition (task, max_prompt_tokens, has_schema or has_tools): it would match every call",
            "routes.yaml:8:12: unknown key 'tsk' in routes.a.fast_path.rules[1] (did you mean 'task'?)",
            "routes.yaml:9:31: routes.a.fast_path.rules[2].max_prompt_tokens must be greater than 0",
            "routes.yaml:10:35: unknown escalate value 'tool_parse_fail' (schema_mismatch or tool_parse_failure) (did you mean 'tool_parse_failure'?)",
            "routes.yaml:13:45: routes.b.fast_path.rules must hold at least one rule",
        ], errors);
    }

    [Fact]
    public void LogContentMustBeHashOrFull() =>
        Assert.Equal(
            "routes.yaml:1:16: log.content must be hash or full, not 'ful' (did you mean 'full'?)",
            Error("log: {content: ful}"));

    [Fact]
    public void PricesAndHeadersAreChecked()
    {
        var errors = Errors("""
            providers:
              anthropic:
                api_key_env: ANTHROPIC_API_KEY
                headers: {"bad header": x, x-ok: "a\r\nb"}
                prices:
                  m1: {input: -1, output: 2}
                  m2: {input: 1}
            """);
        Assert.Equal(
        [
            "routes.yaml:4:15: 'bad header' in providers.anthropic.headers is not a valid HTTP header name",
            "routes.yaml:4:38: providers.anthropic.headers.x-ok must not contain line breaks or control characters",
            "routes.yaml:6:19: providers.anthropic.prices.m1.input must not be negative",
            "routes.yaml:7:7: providers.anthropic.prices.m2 needs output",
        ], errors);
    }

    [Fact]
    public void InvalidYamlNamesItsPosition()
    {
        var e = Assert.Throws<Corral.Routing.Configuration.RoutesFileException>(() => Parse("routes:\n  a: [local/x\n"));
        var error = Assert.Single(e.Errors);
        Assert.StartsWith("invalid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"routes.yaml:{error.Line}:{error.Column}: invalid YAML", e.Message, StringComparison.Ordinal);
        Assert.True(error.Line >= 2);
    }

    [Fact]
    public void EveryProblemIsReportedAtOnce()
    {
        var errors = Errors("""
            providers:
              anthropic: {type: anthropic, api_key_env: MISSING_KEY}
            routes:
              smart: {targets: [nope/x]}
            log: {content: all}
            """);
        Assert.Equal(3, errors.Count);
    }
}
