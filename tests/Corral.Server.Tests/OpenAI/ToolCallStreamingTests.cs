using System.ClientModel;
using System.Text;
using System.Text.Json;
using Corral.Server.Tests.Native;
using Corral.TestKit;
using OpenAI;
using OpenAI.Chat;

namespace Corral.Server.Tests.OpenAI;

/// <summary>
/// A grammar-forced tool call streamed as OpenAI streams it (id and name first, argument fragments after), through the
/// official .NET SDK's streaming updates and raw Responses SSE. The tiny model is not chat-tuned: the JSON schema forces
/// a call whose arguments are long enough to arrive in several fragments.
/// </summary>
public sealed class ToolCallStreamingTests : IAsyncLifetime
{
    internal const string Template = "{{ if .Tools }}Tools: {{ .Tools }}\\n{{ end }}{{ range .Messages }}{{ .Role }}: {{ .Content }}\\n{{ end }}assistant: ";

    internal const string Parameters = """{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city","unit"]}""";

    internal const string CallSchema = """{"type":"object","properties":{"name":{"const":"get_weather"},"arguments":{"type":"object","properties":{"city":{"enum":["Paris, Île-de-France, France","Oslo, Østlandet, Norway"]},"unit":{"enum":["celsius","fahrenheit"]}},"required":["city","unit"],"additionalProperties":false}},"required":["name","arguments"],"additionalProperties":false}""";

    private readonly ServerFixture _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("chatml", TestModels.TinyLlamaChatMl);
        var (status, body) = await _server.PostAsync("/api/create", $$"""{"model":"tooly","from":"chatml","template":"{{Template}}","stream":false}""");
        Assert.True(status == 200, body);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task ChatCompletions_SdkStreamingUpdates_IdAndNameFirst_ThenArgumentFragments()
    {
        var client = new OpenAIClient(new ApiKeyCredential("corral"),
            new OpenAIClientOptions { Endpoint = new Uri(_server.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(2) }).GetChatClient("tooly");
        var options = new ChatCompletionOptions
        {
            Temperature = 0,
            MaxOutputTokenCount = 400,
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Weather in a city", BinaryData.FromString(Parameters)) },
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("call", BinaryData.FromString(CallSchema)),
        };

        var updates = new List<StreamingChatToolCallUpdate>();
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris?")], options, Ct))
        {
            updates.AddRange(update.ToolCallUpdates);
            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatFinishReason.ToolCalls, finish);
        var head = updates[0];
        Assert.Equal(0, head.Index);
        Assert.StartsWith("call_", head.ToolCallId, StringComparison.Ordinal);
        Assert.Equal("get_weather", head.FunctionName);
        Assert.Equal(ChatToolCallKind.Function, head.Kind);
        Assert.Equal("", head.FunctionArgumentsUpdate.ToString());

        var fragments = updates.Skip(1).ToArray();
        Assert.True(fragments.Length >= 2, $"{fragments.Length} argument fragments");
        Assert.All(fragments, f => Assert.Equal((0, null, null), (f.Index, f.ToolCallId, f.FunctionName)));
        var arguments = JsonDocument.Parse(string.Concat(fragments.Select(f => f.FunctionArgumentsUpdate.ToString()))).RootElement;
        Assert.Contains(arguments.GetProperty("city").GetString(), new[] { "Paris, Île-de-France, France", "Oslo, Østlandet, Norway" });
        Assert.Contains(arguments.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });
    }

    [Fact]
    public async Task Responses_FunctionCallItem_ThenArgumentDeltas_ThenDone()
    {
        var body = "{\"model\":\"tooly\",\"stream\":true,\"input\":\"Weather in Paris?\",\"temperature\":0,\"max_output_tokens\":400,"
            + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Weather in a city\",\"parameters\":" + Parameters + "}],"
            + "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"call\",\"schema\":" + CallSchema + "}}}";
        using var response = await _server.Http.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => JsonDocument.Parse(e[(e.IndexOf("data: ", StringComparison.Ordinal) + 6)..]).RootElement).ToArray();
        var types = events.Select(e => e.GetProperty("type").GetString()).ToArray();

        var added = Array.FindIndex(events, e => e.GetProperty("type").GetString() == "response.output_item.added"
            && e.GetProperty("item").GetProperty("type").GetString() == "function_call");
        Assert.True(added >= 0, string.Join(",", types));
        var item = events[added].GetProperty("item");
        Assert.Equal("get_weather", item.GetProperty("name").GetString());
        Assert.Equal("", item.GetProperty("arguments").GetString());
        var deltas = 0;
        var arguments = new StringBuilder();
        var i = added + 1;
        for (; types[i] == "response.function_call_arguments.delta"; i++, deltas++)
        {
            Assert.Equal(item.GetProperty("id").GetString(), events[i].GetProperty("item_id").GetString());
            arguments.Append(events[i].GetProperty("delta").GetString());
        }

        Assert.True(deltas >= 2, $"{deltas} deltas");
        Assert.Equal("response.function_call_arguments.done", types[i]);
        Assert.Equal(arguments.ToString(), events[i].GetProperty("arguments").GetString());
        Assert.Equal("response.output_item.done", types[i + 1]);
        Assert.Equal("response.completed", types[^1]);
        Assert.Contains(JsonDocument.Parse(arguments.ToString()).RootElement.GetProperty("unit").GetString(), new[] { "celsius", "fahrenheit" });
    }
}
