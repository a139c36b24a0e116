using Anthropic;
using Anthropic.Models.Messages;
using Corral.TestKit;

namespace Corral.Server.Tests.Native;

/// <summary>
/// Thinking is on by default for a thinking-capable template (Ollama's rule) on the native and OpenAI APIs, off unless
/// asked on Anthropic's, and <c>think:false</c> really turns it off: the template is told (the prompt closes an empty
/// think block) and nothing is split into thinking. The template is Qwen3-style, on a tiny model that is not chat-tuned:
/// with thinking on, the prompt opens <c>&lt;think&gt;</c>, so all it writes is reasoning.
/// </summary>
public sealed class ThinkingDefaultTests : IAsyncLifetime
{
    private const string Template =
        "{{ range .Messages }}<|im_start|>{{ .Role }}\\n{{ .Content }}{{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}<|im_end|>\\n{{ end }}"
        + "<|im_start|>assistant\\n{{ if .Think }}<think>\\n{{ else }}<think>\\n\\n</think>\\n\\n{{ end }}";

    private const string Messages = """[{"role":"user","content":"Once upon a time"}]""";

    private readonly ServerFixture _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("chatml", TestModels.TinyLlamaChatMl);
        var (status, body) = await _server.PostAsync("/api/create", $$"""{"model":"qwenish","from":"chatml","template":"{{Template}}","parameters":{"temperature":0},"stream":false}""");
        Assert.True(status == 200, body);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Native_ThinksByDefault_AndThinkFalseTurnsItOff()
    {
        var rendered = Http.Json((await _server.PostAsync("/api/chat", $$"""{"model":"qwenish","messages":{{Messages}},"_debug_render_only":true}""")).Body);
        Assert.EndsWith("assistant\n<think>\n", rendered.GetProperty("_debug_info").GetProperty("rendered_template").GetString(), StringComparison.Ordinal);
        var renderedOff = Http.Json((await _server.PostAsync("/api/chat", $$"""{"model":"qwenish","think":false,"messages":{{Messages}},"_debug_render_only":true}""")).Body);
        Assert.EndsWith("<think>\n\n</think>\n\n", renderedOff.GetProperty("_debug_info").GetProperty("rendered_template").GetString(), StringComparison.Ordinal);

        var (status, body) = await _server.PostAsync("/api/chat", $$$"""{"model":"qwenish","stream":false,"messages":{{{Messages}}},"options":{"temperature":0,"num_predict":8}}""");
        Assert.True(status == 200, body);
        Assert.False(string.IsNullOrEmpty(Http.Json(body).GetProperty("message").GetProperty("thinking").GetString()));

        (status, body) = await _server.PostAsync("/api/chat", $$$"""{"model":"qwenish","stream":false,"think":false,"messages":{{{Messages}}},"options":{"temperature":0,"num_predict":8}}""");
        Assert.True(status == 200, body);
        var message = Http.Json(body).GetProperty("message");
        Assert.False(message.TryGetProperty("thinking", out _), body);
        Assert.False(string.IsNullOrEmpty(message.GetProperty("content").GetString()));

        (status, body) = await _server.PostAsync("/api/generate", """{"model":"qwenish","stream":false,"prompt":"Once upon a time","options":{"temperature":0,"num_predict":8}}""");
        Assert.True(status == 200, body);
        Assert.False(string.IsNullOrEmpty(Http.Json(body).GetProperty("thinking").GetString()));
    }

    [Fact]
    public async Task OpenAI_WithoutReasoningEffort_UsesTheModelDefault_AndNoneTurnsItOff()
    {
        var (status, body) = await _server.PostAsync("/v1/chat/completions", $$"""{"model":"qwenish","messages":{{Messages}},"temperature":0,"max_tokens":8}""");
        Assert.True(status == 200, body);
        Assert.False(string.IsNullOrEmpty(Http.Json(body).GetProperty("choices")[0].GetProperty("message").GetProperty("reasoning_content").GetString()));

        (status, body) = await _server.PostAsync("/v1/chat/completions", $$"""{"model":"qwenish","messages":{{Messages}},"temperature":0,"max_tokens":8,"reasoning_effort":"none"}""");
        Assert.True(status == 200, body);
        var message = Http.Json(body).GetProperty("choices")[0].GetProperty("message");
        Assert.False(message.TryGetProperty("reasoning_content", out _), body);
        Assert.False(string.IsNullOrEmpty(message.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Anthropic_NoThinkingBlocksUnlessAsked()
    {
        var client = new AnthropicClient { BaseUrl = _server.BaseAddress.ToString().TrimEnd('/'), ApiKey = "corral", MaxRetries = 0 };
        var plain = new MessageCreateParams { Model = "qwenish", MaxTokens = 8, Messages = [new UserMessageParam { Content = "Once upon a time" }] };

        var off = await client.Messages.Create(plain, Ct);
        Assert.DoesNotContain(off.Content, b => b.TryPickThinking(out _));
        Assert.Contains(off.Content, b => b.TryPickText(out var t) && t!.Text.Length > 0);

        var on = await client.Messages.Create(plain with { Thinking = new ThinkingConfigEnabled { BudgetTokens = 1024 } }, Ct);
        Assert.Contains(on.Content, b => b.TryPickThinking(out var t) && t!.Thinking.Length > 0);
    }
}
