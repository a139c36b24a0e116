using System.Text.Json;

namespace Corral.Server.Tests.Native;

/// <summary>Prefix reuse over a real server: a prompt that starts with tokens an earlier request computed reuses their KV,
/// and every API reports those tokens as cached (native <c>prompt_cache_count</c>, OpenAI
/// <c>prompt_tokens_details.cached_tokens</c>, Anthropic <c>cache_read_input_tokens</c>).</summary>
public sealed class PrefixCacheTests(ModelsFixture models) : IClassFixture<ModelsFixture>
{
    private const string Story = "Once upon a time, there was a little girl named Lily. She loved to play outside in the sunshine. "
        + "One day, she saw a big red ball in the park. She ran to the ball and kicked it very high. ";

    private const string System = "You are a storyteller. You tell short, happy stories about animals who live in a big green forest near a river.";

    private ServerFixture Server => models.Inner;

    private async Task<JsonElement> Post(string path, string body)
    {
        var (status, text) = await Server.PostAsync(path, body);
        Assert.True(status == 200, text);
        return Http.Json(text);
    }

    [Fact]
    public async Task Native_generate_continuing_an_earlier_prompt_reports_its_tokens_as_cached()
    {
        var cold = await Post("/api/generate", $$$"""{"model":"stories","prompt":"{{{Story}}}","stream":false,"options":{"temperature":0,"num_predict":4}}""");
        var coldPrompt = cold.GetProperty("prompt_eval_count").GetInt32();
        Assert.True(coldPrompt > 40, cold.ToString());

        var warm = await Post("/api/generate", $$$"""{"model":"stories","prompt":"{{{Story}}}Then she went home.","stream":false,"options":{"temperature":0,"num_predict":4}}""");
        Assert.True(warm.GetProperty("prompt_eval_count").GetInt32() > coldPrompt, warm.ToString());
        Assert.True(warm.GetProperty("prompt_cache_count").GetInt32() >= coldPrompt - 1, warm.ToString());
    }

    [Fact]
    public async Task OpenAI_next_chat_turn_reports_the_earlier_turn_as_cached_tokens()
    {
        var turn1 = $$"""[{"role":"system","content":"{{System}}"},{"role":"user","content":"Tell me about a fox."}]""";
        var first = await Post("/v1/chat/completions", $$"""{"model":"chatml","messages":{{turn1}},"temperature":0,"max_tokens":8}""");
        var firstPrompt = first.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
        var answer = first.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();

        var turn2 = turn1.TrimEnd(']') + $$""",{"role":"assistant","content":{{JsonSerializer.Serialize(answer)}}},{"role":"user","content":"And a bear?"}]""";
        var second = await Post("/v1/chat/completions", $$"""{"model":"chatml","messages":{{turn2}},"temperature":0,"max_tokens":8}""");
        var usage = second.GetProperty("usage");
        Assert.True(usage.GetProperty("prompt_tokens").GetInt32() > firstPrompt, usage.ToString());
        Assert.True(usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32() >= firstPrompt - 1, usage.ToString());
    }

    [Fact]
    public async Task Anthropic_shared_system_prompt_is_read_from_the_cache()
    {
        var first = await Post("/v1/messages", $$"""{"model":"chatml","system":"{{System}}","max_tokens":4,"messages":[{"role":"user","content":"Tell me about a fox."}]}""");
        var firstUsage = first.GetProperty("usage");
        var second = await Post("/v1/messages", $$"""{"model":"chatml","system":"{{System}}","max_tokens":4,"messages":[{"role":"user","content":"Tell me about an owl."}]}""");
        var usage = second.GetProperty("usage");
        var cached = usage.GetProperty("cache_read_input_tokens").GetInt32();
        Assert.True(cached >= 20, $"first {firstUsage}, second {usage}");
        Assert.True(usage.GetProperty("input_tokens").GetInt32() > 0, usage.ToString());
    }
}
