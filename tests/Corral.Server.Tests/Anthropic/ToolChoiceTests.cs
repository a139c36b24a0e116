using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;

namespace Corral.Server.Tests.Anthropic;

/// <summary>
/// Anthropic <c>tool_choice</c> <c>any</c> and <c>tool</c> through the official C# SDK: the tiny model is made to call by
/// grammar and a <c>tool_use</c> block comes back (streamed as start, <c>input_json_delta</c> fragments, stop) whose input
/// validates against the tool's schema; <c>none</c> keeps the tools out of the prompt.
/// </summary>
public sealed class ToolChoiceTests(ToolChoiceFixture fixture) : IClassFixture<ToolChoiceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AnthropicClient Client() => new() { BaseUrl = fixture.Server.BaseAddress.ToString().TrimEnd('/'), ApiKey = "corral", MaxRetries = 0 };

    private static MessageCreateParams Params(string model, ToolChoice? choice, long maxTokens = 200) => new()
    {
        Model = model,
        MaxTokens = maxTokens,
        Messages = [new UserMessageParam { Content = "Hello there." }],
        ToolChoice = choice,
        Tools =
        [
            new ToolUnion(new Tool { Name = "get_weather", Description = "Weather in a city", InputSchema = JsonSerializer.Deserialize<InputSchema>(ToolChoiceFixture.WeatherParameters)! }),
            new ToolUnion(new Tool { Name = "get_time", Description = "Local time in a zone", InputSchema = JsonSerializer.Deserialize<InputSchema>(ToolChoiceFixture.TimeParameters)! }),
        ],
    };

    [Theory]
    [InlineData("tooly")]
    [InlineData("hermesy")]
    public async Task Any_TheModelCallsOneOfTheTools(string model)
    {
        var message = await Client().Messages.Create(Params(model, new ToolChoiceAny()), Ct);

        Assert.Equal("tool_use", message.StopReason?.Raw());
        var block = Assert.Single(message.Content);
        Assert.True(block.TryPickToolUse(out var toolUse));
        Assert.StartsWith("toolu_", toolUse!.ID, StringComparison.Ordinal);
        Assert.Contains(toolUse.Name, new[] { "get_weather", "get_time" });
        Assert.Empty(ToolChoiceFixture.Validate(toolUse.Name, JsonSerializer.SerializeToElement(toolUse.Input)));
    }

    [Fact]
    public async Task Tool_TheModelCallsThatTool()
    {
        var message = await Client().Messages.Create(Params("hermesy", new ToolChoiceTool { Name = "get_time" }), Ct);

        Assert.Equal("tool_use", message.StopReason?.Raw());
        var block = Assert.Single(message.Content);
        Assert.True(block.TryPickToolUse(out var toolUse));
        Assert.Equal("get_time", toolUse!.Name);
        Assert.Empty(ToolChoiceFixture.Validate("get_time", JsonSerializer.SerializeToElement(toolUse.Input)));
    }

    [Fact]
    public async Task Tool_Streaming_StartThenInputJsonFragmentsThenStop()
    {
        var kinds = new List<string>();
        var partial = new StringBuilder();
        string? stopReason = null;
        await foreach (var e in Client().Messages.CreateStreaming(Params("tooly", new ToolChoiceTool { Name = "get_weather" }), Ct))
        {
            if (e.TryPickContentBlockStart(out var start))
            {
                Assert.True(start!.ContentBlock.TryPickToolUse(out var toolUse), "only a tool_use block may start");
                kinds.Add("start:" + toolUse!.Name);
                Assert.StartsWith("toolu_", toolUse.ID, StringComparison.Ordinal);
                Assert.Empty(toolUse.Input);
            }
            else if (e.TryPickContentBlockDelta(out var delta) && delta!.Delta.TryPickInputJson(out var json))
            {
                kinds.Add("json");
                partial.Append(json!.PartialJson);
            }
            else if (e.TryPickContentBlockStop(out _))
            {
                kinds.Add("stop");
            }
            else if (e.TryPickDelta(out var messageDelta))
            {
                stopReason = messageDelta!.Delta.StopReason?.Raw();
            }
        }

        Assert.Equal("start:get_weather", kinds[0]);
        var fragments = kinds.Skip(1).TakeWhile(k => k == "json").Count();
        Assert.True(fragments >= 2, $"{fragments} fragments");
        Assert.Equal(["stop"], kinds.Skip(1 + fragments));
        Assert.Empty(ToolChoiceFixture.Validate("get_weather", JsonDocument.Parse(partial.ToString()).RootElement));
        Assert.Equal("tool_use", stopReason);
    }

    [Fact]
    public async Task TemplateWhoseCallsNoGrammarWrites_IsA400NamingToolChoice()
    {
        var e = await Assert.ThrowsAsync<AnthropicBadRequestException>(() => Client().Messages.Create(Params("xmly", new ToolChoiceAny()), Ct));
        Assert.Contains("tool_choice", e.Message, StringComparison.Ordinal);
        Assert.Contains("qwen-xml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task None_KeepsTheToolsOutOfThePrompt()
    {
        var client = Client();
        var plain = await client.Messages.Create(new MessageCreateParams { Model = "tooly", MaxTokens = 1, Messages = [new UserMessageParam { Content = "Hello there." }] }, Ct);
        var none = await client.Messages.Create(Params("tooly", new ToolChoiceNone(), maxTokens: 1), Ct);
        var auto = await client.Messages.Create(Params("tooly", new ToolChoiceAuto(), maxTokens: 1), Ct);

        static long Prompt(Message m) => m.Usage.InputTokens + (m.Usage.CacheReadInputTokens ?? 0);
        Assert.Equal(Prompt(plain), Prompt(none));
        Assert.True(Prompt(auto) > Prompt(plain));
    }
}
