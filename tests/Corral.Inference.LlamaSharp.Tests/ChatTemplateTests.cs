using Corral.TestKit;

namespace Corral.Inference.LlamaSharp.Tests;

public sealed class ChatTemplateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ChatMl_template_from_the_gguf_is_applied()
    {
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(
            new RunnerLoadRequest { ModelPath = TestModels.TinyLlamaChatMl, ContextLength = 64 }, null, Ct);
        Assert.Contains("im_start", runner.Info.ChatTemplate, StringComparison.Ordinal);

        var text = runner.ApplyChatTemplate([new ChatTurn("system", "Be brief."), new ChatTurn("user", "Hi!")], addAssistantPrompt: true);

        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n", text);
        var noPrompt = runner.ApplyChatTemplate([new ChatTurn("user", "Hi!")], addAssistantPrompt: false);
        Assert.Equal("<|im_start|>user\nHi!<|im_end|>\n", noPrompt);
    }

    [Fact]
    public async Task Model_without_template_returns_null()
    {
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(
            new RunnerLoadRequest { ModelPath = TestModels.Stories260K, ContextLength = 64 }, null, Ct);

        Assert.Null(runner.ApplyChatTemplate([new ChatTurn("user", "Hi!")], addAssistantPrompt: true));
    }
}
