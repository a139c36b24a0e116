using System.Diagnostics;
using Corral.Api.Models;
using Corral.Prompting.Jinja;

namespace Corral.Prompting.Tests.Jinja;

/// <summary>A rough cost check: a 20-message conversation renders far below a millisecond with typical templates.
/// The bound asserted is loose (shared CI cores); the measured figures go to the test output.</summary>
public sealed class RenderCostTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Qwen-Qwen3-0.6B")]
    [InlineData("meta-llama-Llama-3.1-8B-Instruct")]
    [InlineData("mistralai-Mistral-Nemo-Instruct-2407")]
    public void TwentyMessagesRenderQuickly(string template)
    {
        var t = HfJinjaTemplate.Parse(JinjaGoldens.Source(template), template);
        var messages = new List<Message> { new() { Role = "system", Content = "You are a helpful assistant." } };
        for (var i = 0; i < 19; i++)
        {
            messages.Add(new Message { Role = i % 2 == 0 ? "user" : "assistant", Content = $"Message number {i}: some ordinary chat text of moderate length." });
        }

        var input = new PromptInput { Messages = messages, Tokens = new SpecialTokens("<s>", "</s>") };
        for (var i = 0; i < 300; i++)
        {
            t.Render(input);
        }

        const int N = 2000;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < N; i++)
        {
            t.Render(input);
        }

        sw.Stop();
        var micros = sw.Elapsed.TotalMicroseconds / N;
        var kb = (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1024.0 / N;
        output.WriteLine($"{template}: {micros:F1} µs and {kb:F1} KiB per render of 20 messages");
        Assert.True(micros < 5_000, $"{micros} µs");
    }
}
