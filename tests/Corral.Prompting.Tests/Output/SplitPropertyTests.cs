using Corral.Prompting.Output;
using Corral.Prompting.Output.ToolCallFormats;
using FsCheck;
using FsCheck.Fluent;
using static Corral.Prompting.Tests.Output.OutputHarness;

namespace Corral.Prompting.Tests.Output;

/// <summary>For any way the decoder splits the output, the concatenated result is the same.</summary>
public sealed class SplitPropertyTests
{
    private static readonly (string Name, Func<OutputParser> Make, string Text)[] Cases =
    [
        ("qwen3", Parser(ToolCallFormatDetector.Hermes, "<think>", "</think>"),
            "<think>\nplan: call f twice </think>\n\nOK.\n<tool_call>\n{\"name\": \"f\", \"arguments\": {\"a\": \"</tool_call>\"}}\n</tool_call>\n<tool_call>{\"name\": \"g\", \"arguments\": \"{}\"}</tool_call> done"),
        ("r1", Parser(null, "<think>", "</think>", inside: true), "reasoning < / think >\n</thin k></think>\n\nanswer </think> twice"),
        ("llama", Parser(ToolCallFormatDetector.Llama3), "  {\"name\": \"f\", \"parameters\": {\"s\": \"{[\\\"]}\"}}; {\"name\": \"g\", \"parameters\": {}} tail"),
        ("mistral", Parser(ToolCallFormatDetector.MistralArgs), "Sure[TOOL_CALLS]f[ARGS]{\"x\": [1, {\"y\": null}]}[TOOL_CALLS]g[ARGS]{bad}"),
        ("deepseek", Parser(ToolCallFormatDetector.DeepSeek, "<think>", "</think>", inside: true),
            "hmm</think>ok<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>f<｜tool▁sep｜>{\"a\": 1}<｜tool▁call▁end｜><｜tool▁calls▁end｜>"),
        ("malformed", Parser(ToolCallFormatDetector.Hermes), "a<tool_call>{\"name\": 1}</tool_call>b<tool_call>{\"name\":\"f\"}</tool_call><tool_call>{"),
        ("harmony", () => new OutputParser(new HarmonyParser()),
            "<|channel|>analysis<|message|>think <|en d|><|end|><|start|>assistant<|channel|>commentary<|message|>Let me call.<|end|><|start|>assistant<|channel|>commentary to=functions.f <|constrain|>json<|message|>{\"a\": \"<|x|>\"}<|call|>"),
        ("glm", Parser(ToolCallFormatDetector.Glm), "a<tool_call>f\n<arg_key>k</arg_key><arg_value>[1]</arg_value></tool_call>b<tool_call>{x}</tool_call>"),
        ("qwenxml", Parser(ToolCallFormatDetector.QwenXml), "x<function=f>\n<parameter=p>\nv < w\n</parameter>\n</function>y"),
    ];

    [Fact]
    public void Random_splits_give_the_same_result()
    {
        foreach (var (name, make, text) in Cases)
        {
            var whole = Run(make, [text]);
            Prop.ForAll(Gen.ListOf(Gen.Choose(0, text.Length)).ToArbitrary(), cuts =>
                {
                    var got = Run(make, SplitAt(text, cuts));
                    return (got == whole).Label($"{name}: {got} != {whole}");
                })
                .Check(Config.QuickThrowOnFailure.WithMaxTest(200));
        }
    }

    [Fact]
    public void Every_two_way_and_per_char_split_gives_the_same_result()
    {
        foreach (var (_, make, text) in Cases) AssertSplitInvariant(make, text);
    }

    [Fact]
    public void Nothing_is_lost_without_tools_or_markers()
    {
        Prop.ForAll(Gen.Elements("<", "think", ">", "</", "{", "\"", "}", " ", "\n", "a", "<tool_call>", "[TOOL_CALLS]").ListOf().ToArbitrary(), parts =>
            {
                string text = string.Concat(parts);
                var o = Run(Parser(ToolCallFormatDetector.Hermes), parts);
                return o.Calls.Length > 0 || o.Content == text;
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
