using System.Text.Json;
using Corral.Api.Models;
using Corral.Prompting.Go;
using FsCheck;
using FsCheck.Fluent;

namespace Corral.Prompting.Tests.Go;

public sealed class PropertyTests
{
    private static readonly string[] Roles = ["system", "user", "assistant", "tool", "developer", "", "USER"];
    private static readonly string[] Texts = ["", "hi", "a\nb", "<think>", "{{ .X }}", "\"q\"", "é😀", " ", "[img]"];
    private static readonly string[] Args = ["{}", "{\"a\":1}", "{\"b\":[1,{\"c\":null}],\"a\":\"x\"}", "[]", "3", "null"];

    private static readonly OllamaGoTemplate[] Templates = OllamaGoldens.Templates()
        .Select(t => OllamaGoTemplate.Parse(t.Source, t.Name, OllamaGoldens.Options)).ToArray();

    private static Gen<Message> MessageGen() =>
        from role in Gen.Elements(Roles)
        from content in Gen.Elements(Texts)
        from thinking in Gen.Elements<string?>(null, "", "hmm")
        from calls in Gen.Choose(0, 2)
        from args in Gen.Elements(Args)
        from toolName in Gen.Elements<string?>(null, "get_weather")
        select new Message
        {
            Role = role, Content = content, Thinking = thinking, ToolName = toolName,
            Images = calls == 2 ? ["aGk="] : null,
            ToolCalls = Enumerable.Range(0, calls).Select(i => new ToolCall
            {
                Id = i == 0 ? null : "call_" + i,
                Function = new ToolCallFunction { Index = i, Name = "f" + i, Arguments = JsonDocument.Parse(args).RootElement.Clone() },
            }).ToArray(),
        };

    private static Gen<PromptInput> InputGen() =>
        from messages in Gen.ListOf(MessageGen())
        from think in Gen.Elements<ThinkSetting?>(null, new ThinkSetting(true), new ThinkSetting(false), new ThinkSetting(true, "low"))
        from suffix in Gen.Elements<string?>(null, "", "tail")
        from tools in Gen.Elements<IReadOnlyList<Tool>?>(null, [], [new Tool { Function = new ToolFunction { Name = "t" } }])
        select new PromptInput { Messages = messages.ToList(), Think = think, Suffix = suffix, Tools = tools };

    private static bool OnlyPromptTemplateExceptions(PromptInput input)
    {
        foreach (var t in Templates)
        {
            try
            {
                t.Render(input);
            }
            catch (PromptTemplateException)
            {
            }
        }
        return true;
    }

    [Fact]
    public void RandomConversations_ThrowOnlyPromptTemplateExceptions() =>
        Prop.ForAll(InputGen().ToArbitrary(), OnlyPromptTemplateExceptions).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
}
