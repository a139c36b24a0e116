using System.ClientModel;
using System.Text;
using System.Text.Json;
using Corral.Server.Tests.Native;
using OpenAI;
using OpenAI.Chat;

namespace Corral.Server.Tests.OpenAI;

/// <summary>
/// <c>tool_choice: "required"</c> and a named function through the official OpenAI .NET SDK: the model (tiny, not
/// chat-tuned) is made to call by grammar, in the call format of its template, and the call comes back parsed with
/// arguments that validate against the tool's schema. Templates whose calls no grammar writes, and a response format
/// alongside a required call, are 400s naming <c>tool_choice</c>; <c>none</c> keeps the tools out of the prompt.
/// </summary>
public sealed class ToolChoiceTests(ToolChoiceFixture fixture) : IClassFixture<ToolChoiceFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ChatClient Client(string model) => new OpenAIClient(new ApiKeyCredential("corral"),
        new OpenAIClientOptions { Endpoint = new Uri(fixture.Server.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(2) }).GetChatClient(model);

    private static ChatCompletionOptions Options(ChatToolChoice? choice) => new()
    {
        Temperature = 0,
        MaxOutputTokenCount = 200,
        ToolChoice = choice,
        Tools =
        {
            ChatTool.CreateFunctionTool("get_weather", "Weather in a city", BinaryData.FromString(ToolChoiceFixture.WeatherParameters)),
            ChatTool.CreateFunctionTool("get_time", "Local time in a zone", BinaryData.FromString(ToolChoiceFixture.TimeParameters)),
        },
    };

    [Theory]
    [InlineData("tooly")]
    [InlineData("hermesy")]
    public async Task Required_TheModelCallsOneOfTheTools(string model)
    {
        ChatCompletion completion = await Client(model).CompleteChatAsync([new UserChatMessage("Hello there.")], Options(ChatToolChoice.CreateRequiredChoice()), Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        Assert.Contains(call.FunctionName, new[] { "get_weather", "get_time" });
        var arguments = JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement;
        Assert.Empty(ToolChoiceFixture.Validate(call.FunctionName, arguments));
    }

    [Theory]
    [InlineData("tooly", "get_time")]
    [InlineData("hermesy", "get_time")]
    [InlineData("hermesy", "get_weather")]
    public async Task Named_TheModelCallsThatTool(string model, string tool)
    {
        ChatCompletion completion = await Client(model).CompleteChatAsync([new UserChatMessage("Hello there.")], Options(ChatToolChoice.CreateFunctionChoice(tool)), Ct);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal(tool, call.FunctionName);
        Assert.Empty(ToolChoiceFixture.Validate(tool, JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement));
        Assert.Empty(completion.Content);
    }

    [Fact]
    public async Task Named_Streaming_IdAndNameFirst_ThenArgumentFragments()
    {
        var updates = new List<StreamingChatToolCallUpdate>();
        ChatFinishReason? finish = null;
        await foreach (var update in Client("hermesy").CompleteChatStreamingAsync(
            [new UserChatMessage("Hello there.")], Options(ChatToolChoice.CreateFunctionChoice("get_weather")), Ct))
        {
            updates.AddRange(update.ToolCallUpdates);
            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        var head = updates[0];
        Assert.Equal(0, head.Index);
        Assert.StartsWith("call_", head.ToolCallId, StringComparison.Ordinal);
        Assert.Equal("get_weather", head.FunctionName);
        Assert.Equal("", head.FunctionArgumentsUpdate.ToString());
        var fragments = updates.Skip(1).ToArray();
        Assert.True(fragments.Length >= 2, $"{fragments.Length} argument fragments");
        Assert.All(fragments, f => Assert.Equal((0, null, null), (f.Index, f.ToolCallId, f.FunctionName)));
        var arguments = JsonDocument.Parse(string.Concat(fragments.Select(f => f.FunctionArgumentsUpdate.ToString()))).RootElement;
        Assert.Empty(ToolChoiceFixture.Validate("get_weather", arguments));
    }

    [Fact]
    public async Task Responses_Required_ReturnsAFunctionCallItem()
    {
        var body = "{\"model\":\"hermesy\",\"input\":\"Hello there.\",\"temperature\":0,\"max_output_tokens\":200,\"tool_choice\":\"required\","
            + "\"tools\":[{\"type\":\"function\",\"name\":\"get_time\",\"parameters\":" + ToolChoiceFixture.TimeParameters + "}]}";
        using var response = await fixture.Server.Http.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        var root = JsonDocument.Parse(text).RootElement;
        Assert.Equal("required", root.GetProperty("tool_choice").GetString());
        var item = Assert.Single(root.GetProperty("output").EnumerateArray(), o => o.GetProperty("type").GetString() == "function_call");
        Assert.Equal("get_time", item.GetProperty("name").GetString());
        Assert.Empty(ToolChoiceFixture.Validate("get_time", JsonDocument.Parse(item.GetProperty("arguments").GetString()!).RootElement));
    }

    [Fact]
    public async Task TemplateWhoseCallsNoGrammarWrites_IsA400NamingToolChoice()
    {
        var e = await Assert.ThrowsAsync<ClientResultException>(() =>
            Client("xmly").CompleteChatAsync([new UserChatMessage("Hello there.")], Options(ChatToolChoice.CreateRequiredChoice()), Ct));
        Assert.Equal(400, e.Status);
        Assert.Contains("tool_choice", e.Message, StringComparison.Ordinal);
        Assert.Contains("qwen-xml", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseFormatWithARequiredCall_IsA400NamingBoth()
    {
        var options = Options(ChatToolChoice.CreateFunctionChoice("get_time"));
        options.ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat();
        var e = await Assert.ThrowsAsync<ClientResultException>(() => Client("tooly").CompleteChatAsync([new UserChatMessage("Hi")], options, Ct));
        Assert.Equal(400, e.Status);
        Assert.Contains("tool_choice", e.Message, StringComparison.Ordinal);
        Assert.Contains("response_format", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NativeExtension_WithFormat_IsA400NamingBoth()
    {
        var (status, body) = await fixture.Server.PostAsync("/api/chat", """
            {"model":"tooly","stream":false,"format":"json","messages":[{"role":"user","content":"Hi"}],
             "tools":[{"type":"function","function":{"name":"get_time","parameters":{"type":"object"}}}],"_require_tool_call":{"name":"get_time"}}
            """);
        Assert.Equal(400, status);
        Assert.Contains("format and tool_choice", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task None_KeepsTheToolsOutOfThePrompt()
    {
        var client = Client("tooly");
        var plain = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 1 };
        var none = Options(ChatToolChoice.CreateNoneChoice());
        none.MaxOutputTokenCount = 1;
        var auto = Options(ChatToolChoice.CreateAutoChoice());
        auto.MaxOutputTokenCount = 1;
        int Prompt(ChatCompletion c) => c.Usage.InputTokenCount;

        var withoutTools = Prompt(await client.CompleteChatAsync([new UserChatMessage("Hi")], plain, Ct));
        Assert.Equal(withoutTools, Prompt(await client.CompleteChatAsync([new UserChatMessage("Hi")], none, Ct)));
        Assert.True(Prompt(await client.CompleteChatAsync([new UserChatMessage("Hi")], auto, Ct)) > withoutTools);
    }
}
