using System.Text.Json;
using Corral.Api.Models;
using Corral.Prompting.Jinja;
using Corral.Templating.Jinja;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Corral.Prompting.Tests.Jinja;

/// <summary>Random conversations through all vendor templates fail, if at all, only with PromptTemplateException.</summary>
public sealed class RenderPropertyTests
{
    private static readonly JinjaRenderOptions Options = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static readonly Lazy<HfJinjaTemplate[]> Templates = new(() =>
        JinjaGoldens.TemplateNames.Select(n => HfJinjaTemplate.Parse(JinjaGoldens.Source(n), n, Options)).ToArray());

    private static readonly string[] Roles = ["user", "assistant", "system", "tool", "developer", "ipython", "", "User"];

    private static readonly string[] Texts =
    [
        "", "hi", "<think>\nx\n</think>\n\ny", "</think>", "<tool_response>r</tool_response>", "{\"a\": 1}", "Zürich \"q\" 'a'",
        "[TOOL_CALLS]", "<|im_end|>", "line\nbreak", "  spaced  ", "{{ not a template }}", "{% raw %}",
    ];

    private static readonly string[] Arguments = ["{}", """{"location":"Zürich","n":2}""", "\"{\\\"k\\\":1}\"", "\"not json\"", "[1,2]", "null", "3"];

    private static readonly Tool WeatherTool = new()
    {
        Function = new ToolFunction
        {
            Name = "get_weather",
            Description = "weather",
            Parameters = JsonDocument.Parse("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}""").RootElement,
        },
    };

    public static Arbitrary<PromptInput> Inputs() =>
        (from messages in MessageGen().ListOf()
         from tools in Gen.Elements<IReadOnlyList<Tool>?>(null, [], [WeatherTool])
         from think in Gen.Elements<ThinkSetting?>(null, new ThinkSetting(true), new ThinkSetting(false), new ThinkSetting(true, "low"), new ThinkSetting(true, "max"))
         from agp in Gen.Elements(true, false)
         select new PromptInput
         {
             Messages = messages.ToList(),
             Tools = tools,
             Think = think,
             AddGenerationPrompt = agp,
             Tokens = new SpecialTokens("<s>", "</s>"),
         }).ToArbitrary();

    [Property(MaxTest = 1000, Arbitrary = [typeof(RenderPropertyTests)])]
    public void RandomConversationsOnlyThrowPromptTemplateException(PromptInput input, PositiveInt pick)
    {
        var template = Templates.Value[pick.Get % Templates.Value.Length];
        try
        {
            template.Render(input);
        }
        catch (PromptTemplateException e)
        {
            Assert.False(e.IsSyntaxError);
        }
    }

    private static Gen<Message> MessageGen() =>
        from role in Gen.Elements(Roles)
        from content in Gen.Elements(Texts)
        from thinking in Gen.Elements<string?>(null, "", "reasoning here")
        from calls in Gen.Elements(Arguments).ListOf().Select(a => a.Select(CallOf).ToArray())
        from name in Gen.Elements<string?>(null, "get_weather")
        from id in Gen.Elements<string?>(null, "call_1", "abcdefghi")
        select new Message
        {
            Role = role,
            Content = content,
            Thinking = thinking,
            ToolCalls = calls.Length == 0 ? null : calls,
            ToolName = name,
            ToolCallId = id,
        };

    private static ToolCall CallOf(string arguments) => new()
    {
        Id = "call_1",
        Function = new ToolCallFunction { Name = "get_weather", Arguments = JsonDocument.Parse(arguments).RootElement },
    };
}
