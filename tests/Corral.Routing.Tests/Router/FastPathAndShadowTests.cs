using System.Text.Json;
using Corral.Routing.Configuration;

namespace Corral.Routing.Tests.Router;

public sealed class FastPathAndShadowTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{"label":{"type":"string"}},"required":["label"]}""").RootElement;

    private static RouterConfig WithFastPath(RouterConfig c, bool escalate = false, params FastPathRule[] rules) => c with
    {
        Routes = new Dictionary<string, RouteConfig>
        {
            ["smart"] = c.Routes["smart"] with
            {
                FastPath = new FastPathConfig
                {
                    Target = RouterHarness.Target("local", "qwen"),
                    Rules = rules,
                    EscalateOnSchemaFailure = escalate,
                    EscalateOnToolParseFailure = escalate,
                },
            },
        },
    };

    private static readonly FastPathRule ClassifyTask = new() { Tasks = ["classify", "extract"], Description = "task=classify|extract" };

    [Fact]
    public async Task A_task_rule_sends_the_call_to_the_local_model_and_logs_the_cost_avoided()
    {
        await using var h = new RouterHarness(c => WithFastPath(c, false, ClassifyTask));

        var result = await h.CallAsync(task: "Classify", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(("local", "qwen", "fast_path:task=classify|extract"), (result.Served!.Provider, result.Served.Model, result.Served.Reason));
        var record = Assert.Single(result.Records);
        Assert.Equal("Classify", record.Task);
        Assert.Equal(0m, record.CostUsd);
        Assert.Equal((100 * 3m + 20 * 15m) / 1_000_000m, record.CostAvoidedUsd); // what anthropic/claude would have cost
        Assert.Equal(0, h.Anthropic.Calls);
    }

    [Fact]
    public async Task Calls_matching_no_rule_take_the_primary()
    {
        await using var h = new RouterHarness(c => WithFastPath(c, false, ClassifyTask, new FastPathRule { MaxPromptTokens = 3, Description = "max_prompt_tokens=3" }));

        var other = await h.CallAsync(RouterHarness.Request(content: "a prompt much longer than twelve characters"), task: "reason",
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(("anthropic", "primary"), (other.Served!.Provider, other.Served.Reason));

        var small = await h.CallAsync(RouterHarness.Request(content: "hi"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("fast_path:max_prompt_tokens=3", small.Served!.Reason);
    }

    [Fact]
    public async Task A_schema_rule_matches_requests_with_a_format()
    {
        await using var h = new RouterHarness(c => WithFastPath(c, false, new FastPathRule { HasSchema = true, Description = "has_schema=true" }));

        Assert.Equal("anthropic", (await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken)).Served!.Provider);
        var structured = await h.CallAsync(RouterHarness.Request(format: Schema), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("local", structured.Served!.Provider);
    }

    [Fact]
    public async Task A_fast_answer_that_fails_the_schema_escalates_to_the_frontier_model()
    {
        await using var h = new RouterHarness(c => WithFastPath(c, true, ClassifyTask));
        h.Local.Behaviour = (r, ct) => FakeProvider.Answer(r.Model!, "not json", ct);
        h.Anthropic.Behaviour = (r, ct) => FakeProvider.Answer(r.Model!, """{"label":"spam"}""", ct);

        var result = await h.CallAsync(RouterHarness.Request(format: Schema), task: "classify", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("""{"label":"spam"} """, result.Text); // the client never saw the local answer
        Assert.Equal(("anthropic", "escalation:schema_mismatch"), (result.Served!.Provider, result.Served.Reason));
        Assert.Collection(result.Records,
            r => Assert.Equal(("fast_path:task=classify|extract", false, "schema_mismatch", (bool?)false), (r.Reason, r.Served, r.ErrorClass, r.SchemaOk)),
            r => Assert.Equal(("escalation:schema_mismatch", true, (bool?)true), (r.Reason, r.Served, r.SchemaOk)));
    }

    [Fact]
    public async Task A_fast_answer_that_passes_is_served_without_escalation()
    {
        await using var h = new RouterHarness(c => WithFastPath(c, true, ClassifyTask));
        h.Local.Behaviour = (r, ct) => FakeProvider.Answer(r.Model!, """{"label":"ham"}""", ct);

        var result = await h.CallAsync(RouterHarness.Request(format: Schema), task: "extract", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("local", result.Served!.Provider);
        Assert.Equal(true, Assert.Single(result.Records).SchemaOk);
        Assert.Equal(0, h.Anthropic.Calls);
    }

    [Fact]
    public async Task A_tool_call_that_did_not_parse_escalates()
    {
        await using var h = new RouterHarness(c => WithFastPath(c, true, ClassifyTask));
        h.Local.Behaviour = (r, ct) => FakeProvider.Answer(r.Model!, "<tool_call>{broken", ct, toolCallError: "tool call did not parse");

        var result = await h.CallAsync(task: "classify", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("escalation:tool_parse_failure", result.Served!.Reason);
        Assert.Equal("tool_parse_failure", result.Records[0].ErrorClass);
    }

    [Fact]
    public async Task Shadow_calls_are_logged_under_the_primarys_pair_id_and_never_reach_the_client()
    {
        await using var h = new RouterHarness(c => c with
        {
            Routes = new Dictionary<string, RouteConfig>
            {
                ["smart"] = c.Routes["smart"] with { Shadow = new ShadowConfig { Target = RouterHarness.Target("local", "qwen"), SampleRate = 1.0 } },
            },
        });
        h.Local.Behaviour = (r, ct) => FakeProvider.Answer(r.Model!, "shadow answer", ct);

        var results = new List<RouterHarness.Result>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken));
        }

        await h.Router.DrainShadowsAsync();
        Assert.All(results, r => Assert.Equal("ok ", r.Text));
        var records = h.Log.Records;
        Assert.Equal(10, records.Count);
        foreach (var primary in records.Where(r => r.Reason == "primary"))
        {
            Assert.NotNull(primary.PairId);
            var shadow = Assert.Single(records, r => r.Reason == "shadow" && r.PairId == primary.PairId);
            Assert.NotEqual(primary.RequestId, shadow.RequestId);
            Assert.Equal(("local", "qwen", false), (shadow.Provider, shadow.Model, shadow.Served));
            Assert.Equal(primary.PromptHash, shadow.PromptHash);
            Assert.NotEqual(primary.OutputHash, shadow.OutputHash);
        }
    }

    [Fact]
    public async Task An_unsampled_call_has_no_pair()
    {
        await using var h = new RouterHarness(c => c with
        {
            Routes = new Dictionary<string, RouteConfig>
            {
                ["smart"] = c.Routes["smart"] with { Shadow = new ShadowConfig { Target = RouterHarness.Target("local", "qwen"), SampleRate = 0.25 } },
            },
        }, sample: 0.5);

        var result = await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken);
        await h.Router.DrainShadowsAsync();

        Assert.Null(Assert.Single(h.Log.Records).PairId);
        Assert.Null(result.Served!.PairId);
        Assert.Equal(0, h.Local.Calls);
    }

    [Fact]
    public async Task Full_content_logging_keeps_prompt_and_answer()
    {
        await using var h = new RouterHarness(c => c with { Log = new LogConfig { Content = LogContent.Full } });

        var record = Assert.Single((await h.CallAsync(cancellationToken: TestContext.Current.CancellationToken)).Records);

        Assert.Contains("hello", record.Prompt, StringComparison.Ordinal);
        Assert.Equal("ok ", record.Output);
    }
}
