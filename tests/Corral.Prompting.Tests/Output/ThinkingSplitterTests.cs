using Corral.Prompting.Output;
using static Corral.Prompting.Tests.Output.OutputHarness;

namespace Corral.Prompting.Tests.Output;

public sealed class ThinkingSplitterTests
{
    // Qwen3 with thinking on: the prompt ends "<|im_start|>assistant\n", the model opens <think> itself.
    private const string Qwen3 = "<think>\nThe user asks for 17 * 23. 17 * 20 = 340, 17 * 3 = 51, total 391.\n</think>\n\n17 × 23 = **391**.";

    // DeepSeek-R1 distill: the prompt ends "<｜Assistant｜><think>\n", so output starts inside reasoning.
    private const string R1 = "Okay, so I need to find the capital of Australia. Many people think Sydney, but it's Canberra.\n</think>\n\nThe capital of Australia is **Canberra**.";

    // QwQ-32B: the prompt ends "<|im_start|>assistant\n<think>\n".
    private const string QwQ = "Let me count the r's in \"strawberry\": s-t-r-a-w-b-e-r-r-y. Positions 3, 8, 9.\n\nSo three.\n</think>\n\nThere are **3** r's in \"strawberry\".";

    [Fact]
    public void Qwen3_splits_reasoning_from_answer_for_any_split()
    {
        var o = AssertSplitInvariant(Parser(null, "<think>", "</think>"), Qwen3);
        Assert.Equal("The user asks for 17 * 23. 17 * 20 = 340, 17 * 3 = 51, total 391.", o.Thinking);
        Assert.Equal("17 × 23 = **391**.", o.Content);
    }

    [Fact]
    public void DeepSeek_R1_starts_inside_reasoning()
    {
        var o = AssertSplitInvariant(Parser(null, "<think>", "</think>", inside: true), R1);
        Assert.StartsWith("Okay, so I need", o.Thinking);
        Assert.EndsWith("it's Canberra.", o.Thinking);
        Assert.Equal("The capital of Australia is **Canberra**.", o.Content);
    }

    [Fact]
    public void QwQ_keeps_inner_blank_lines_of_reasoning()
    {
        var o = AssertSplitInvariant(Parser(null, "<think>", "</think>", inside: true), QwQ);
        Assert.Contains("9.\n\nSo three.", o.Thinking);
        Assert.Equal("There are **3** r's in \"strawberry\".", o.Content);
    }

    [Theory]
    [InlineData("Hello! How can I help you today?")]
    [InlineData("  <b>bold</b> and <thinking> is not the marker")]
    [InlineData("<thin")]
    [InlineData("")]
    public void No_markers_is_all_content(string text)
    {
        var o = AssertSplitInvariant(Parser(null, "<think>", "</think>"), text);
        Assert.Equal("", o.Thinking);
        Assert.Equal(text, o.Content);
    }

    [Fact]
    public void Marker_split_across_pieces_is_held_back_until_decided()
    {
        var s = new ThinkingSplitter("<think>", "</think>");
        Assert.Equal(new ThinkingDelta("", ""), s.Push("<thi"));
        Assert.Equal(new ThinkingDelta("", ""), s.Push("nk>\n"));
        Assert.Equal(new ThinkingDelta("Hmm", ""), s.Push("Hmm</th"));
        Assert.True(s.InThinking);
        Assert.Equal(new ThinkingDelta("", ""), s.Push("ink>\n\n"));
        Assert.Equal(new ThinkingDelta("", "Hi"), s.Push("Hi"));
        Assert.Equal(new ThinkingDelta("", ""), s.Flush());
    }

    [Fact]
    public void Unclosed_reasoning_is_flushed_as_reasoning_including_a_partial_marker()
    {
        var o = AssertSplitInvariant(Parser(null, "<think>", "</think>"), "<think>still thinking </thi");
        Assert.Equal("still thinking </thi", o.Thinking);
        Assert.Equal("", o.Content);
    }

    [Theory]
    [InlineData("[THINK]", "[/THINK]", "[THINK]Check units.[/THINK]Answer: 5 km.")]
    [InlineData("<seed:think>", "</seed:think>", "<seed:think>plan</seed:think>Answer: 5 km.")]
    [InlineData("<|START_THINKING|>", "<|END_THINKING|>", "<|START_THINKING|>plan<|END_THINKING|>Answer: 5 km.")]
    public void Other_known_markers(string open, string close, string text)
    {
        var o = AssertSplitInvariant(Parser(null, open, close), text);
        Assert.NotEqual("", o.Thinking);
        Assert.Equal("Answer: 5 km.", o.Content);
    }

    [Theory]
    [InlineData("<|im_start|>assistant\n<think>\n", true)]                       // QwQ
    [InlineData("<｜User｜>hi<｜Assistant｜><think>\n", true)]                    // DeepSeek-R1
    [InlineData("<|im_start|>assistant\n<think>\n\n</think>\n\n", false)]        // Qwen3 enable_thinking=false
    [InlineData("<｜Assistant｜><think>\n</think>", false)]                       // R1 with thinking off
    [InlineData("<|im_start|>system\nUse <think> tags<|im_end|>\n<|im_start|>assistant\n", false)]
    [InlineData("<|im_start|>assistant\n", false)]
    public void Prompt_tail_decides_whether_output_starts_inside_reasoning(string prompt, bool inside) =>
        Assert.Equal(inside, ThinkingSplitter.PromptOpensThinking(prompt, "<think>", "</think>"));
}
