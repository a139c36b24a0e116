using System.Text.Json;

namespace Corral.Server.Tests.Conformance;

/// <summary>The one assertion function of the .NET adapters: an observation against a case's expectations.
/// Mirrors tests/node/conformance/check.mjs.</summary>
internal static class Expectations
{
    public static void Check(ConformanceSuite suite, string client, ConformanceCase c, Observation o)
    {
        var protocol = suite.Clients[client];
        var e = c.Expect;
        var where = $"{client} {c.Id}";
        if (e.Get("error") is { } error)
        {
            CheckError(client, protocol, where, error, o);
            return;
        }

        Assert.True(o.Error is null, $"{where}: unexpected error {o.Error}");
        if (e.Flag("text_nonempty"))
        {
            Assert.True(o.Text.Length > 0, $"{where}: empty text");
        }

        if (e.Flag("text_empty"))
        {
            Assert.Equal("", o.Text);
        }

        if (e.Str("finish") is { } finish)
        {
            Assert.Equal(suite.FinishReasons.GetProperty(finish).GetProperty(protocol).GetString(), o.Finish);
        }

        if (e.Int("output_tokens") is { } output)
        {
            Assert.Equal(output, o.OutputTokens);
        }

        if (e.Int("prompt_tokens") is { } prompt)
        {
            Assert.Equal(prompt, o.PromptTokens);
        }

        if (e.Int("prompt_tokens_min") is { } min)
        {
            Assert.True(o.PromptTokens >= min, $"{where}: prompt tokens {o.PromptTokens}");
        }

        if (e.Flag("total_is_sum") && o.TotalTokens is { } total)
        {
            Assert.Equal(o.PromptTokens + o.OutputTokens, total);
        }

        if (e.Get("id_prefix")?.Str(protocol) is { } idPrefix)
        {
            Assert.StartsWith(idPrefix, o.Id, StringComparison.Ordinal);
        }

        if (e.Int("min_deltas") is { } deltas)
        {
            Assert.True(o.Deltas >= deltas, $"{where}: {o.Deltas} text deltas");
        }

        if (e.Flag("final_text_is_deltas") && o.FinalText is not null)
        {
            Assert.Equal(o.Text, o.FinalText);
        }

        if (e.Get("tool_call") is { } call)
        {
            CheckToolCall(where, protocol, call, o);
        }

        if (e.Get("json_enum") is { } jsonEnum)
        {
            var answer = JsonDocument.Parse(o.Text).RootElement;
            foreach (var property in jsonEnum.EnumerateObject())
            {
                Assert.Contains(answer.GetProperty(property.Name).GetString(), property.Value.EnumerateArray().Select(v => v.GetString()));
            }
        }

        if (e.Flag("reasoning_nonempty"))
        {
            Assert.False(string.IsNullOrEmpty(o.Reasoning), $"{where}: no reasoning (text '{o.Text}')");
        }

        if (e.Str("reasoning_excludes") is { } excluded)
        {
            Assert.DoesNotContain(excluded, o.Reasoning, StringComparison.Ordinal);
        }

        if (e.Get("logprobs") is { } logprobs)
        {
            CheckLogprobs(where, logprobs, o);
        }

        if (e.Get("embeddings") is { } embeddings)
        {
            CheckEmbeddings(where, embeddings, o);
        }

        foreach (var id in e.Items("model_ids"))
        {
            Assert.Contains(id.GetString(), o.ModelIds ?? []);
        }

        if (e.Str("model_id") is { } modelId)
        {
            Assert.Equal(modelId, o.ModelId);
        }

        if (e.Get("owned_by")?.Str(protocol) is { } owner)
        {
            Assert.Equal(owner, o.OwnedBy);
        }

        if (e.Get("display_name")?.Str(protocol) is { } displayName)
        {
            Assert.Equal(displayName, o.DisplayName);
        }
    }

    private static void CheckError(string client, string protocol, string where, JsonElement e, Observation o)
    {
        Assert.True(o.Error is not null, $"{where}: expected an error, got {o}");
        var error = o.Error;
        Assert.True(e.Int("status") == error.Status, $"{where}: status {error.Status}, expected {e.Int("status")} ({error.Raw})");
        Assert.Contains(e.Str("message_contains")!, error.Message, StringComparison.Ordinal);
        foreach (var (field, actual) in new[] { ("type", error.Type), ("code", error.Code), ("param", error.Param), ("message", error.Message) })
        {
            if (e.Get(field)?.Str(protocol) is { } expected)
            {
                Assert.True(expected == actual, $"{where}: error {field} '{actual}', expected '{expected}'");
            }
        }

        if (e.Get("message_prefix")?.Str(protocol) is { } prefix)
        {
            Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
        }

        if (e.Get("sdk_class")?.Str(client) is { } sdkClass)
        {
            Assert.True(sdkClass == error.SdkClass, $"{where}: the SDK raised {error.SdkClass}, expected {sdkClass}");
        }
    }

    private static void CheckToolCall(string where, string protocol, JsonElement e, Observation o)
    {
        Assert.True(o.ToolCalls.Count == 1, $"{where}: {o.ToolCalls.Count} tool calls (text '{o.Text}')");
        var call = o.ToolCalls[0];
        Assert.Equal(e.Str("name"), call.Name);
        Assert.StartsWith(e.GetProperty("id_prefix").Str(protocol)!, call.Id, StringComparison.Ordinal);
        var arguments = JsonDocument.Parse(call.Arguments).RootElement;
        foreach (var property in e.GetProperty("arguments_enum").EnumerateObject())
        {
            Assert.Contains(arguments.GetProperty(property.Name).GetString(), property.Value.EnumerateArray().Select(v => v.GetString()));
        }
    }

    private static void CheckLogprobs(string where, JsonElement e, Observation o)
    {
        Assert.True(o.Logprobs is not null, $"{where}: no logprobs");
        Assert.Equal(e.Int("tokens"), o.Logprobs.Count);
        foreach (var l in o.Logprobs)
        {
            Assert.True(l.Logprob <= 0, $"{where}: logprob {l.Logprob}");
            Assert.Equal(e.Int("top"), l.Top.Count);
            Assert.All(l.Top, t => Assert.True(t <= l.Top[0], $"{where}: top logprobs out of order"));
        }
    }

    private static void CheckEmbeddings(string where, JsonElement e, Observation o)
    {
        Assert.True(o.Embeddings is not null, $"{where}: no embeddings");
        Assert.Equal(e.Int("count"), o.Embeddings.Count);
        foreach (var v in o.Embeddings)
        {
            if (e.Int("length") is { } length)
            {
                Assert.Equal(length, v.Length);
            }
            else
            {
                Assert.NotEmpty(v);
            }

            if (e.Flag("unit_norm"))
            {
                Assert.InRange(Math.Sqrt(v.Sum(x => (double)x * x)), 0.999, 1.001);
            }
        }

        if (e.Flag("distinct"))
        {
            Assert.NotEqual(o.Embeddings[0], o.Embeddings[1]);
        }
    }
}
