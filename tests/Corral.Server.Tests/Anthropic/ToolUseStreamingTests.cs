using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Corral.Server.Tests.Native;
using Corral.Server.Tests.OpenAI;
using Corral.TestKit;

namespace Corral.Server.Tests.Anthropic;

/// <summary>A grammar-forced tool call (<c>output_config.format</c>) streamed as Anthropic streams it, through the official
/// C# SDK: <c>content_block_start</c> tool_use with empty input, <c>input_json_delta</c> fragments, <c>content_block_stop</c>.</summary>
public sealed class ToolUseStreamingTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("chatml", TestModels.TinyLlamaChatMl);
        var (status, body) = await _server.PostAsync("/api/create", $$"""{"model":"tooly","from":"chatml","template":"{{ToolCallStreamingTests.Template}}","parameters":{"temperature":0},"stream":false}""");
        Assert.True(status == 200, body);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Sdk_StreamsToolUse_StartThenInputJsonFragmentsThenStop()
    {
        var client = new AnthropicClient { BaseUrl = _server.BaseAddress.ToString().TrimEnd('/'), ApiKey = "corral", MaxRetries = 0 };
        var parameters = new MessageCreateParams
        {
            Model = "tooly",
            MaxTokens = 400,
            Messages = [new UserMessageParam { Content = "Weather in Paris?" }],
            Tools = [new ToolUnion(new Tool
            {
                Name = "get_weather",
                Description = "Weather in a city",
                InputSchema = JsonSerializer.Deserialize<InputSchema>(ToolCallStreamingTests.Parameters)!,
            })],
            OutputConfig = new OutputConfig { Format = JsonSerializer.Deserialize<JsonOutputFormat>($$"""{"type":"json_schema","schema":{{ToolCallStreamingTests.CallSchema}}}""")! },
        };

        var kinds = new List<string>();
        var partial = new StringBuilder();
        string? stopReason = null;
        await foreach (var e in client.Messages.CreateStreaming(parameters, Ct))
        {
            if (e.TryPickContentBlockStart(out var start) && start!.ContentBlock.TryPickToolUse(out var toolUse))
            {
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

        var first = kinds.IndexOf("start:get_weather");
        Assert.True(first >= 0, string.Join(",", kinds));
        var fragments = kinds.Skip(first + 1).TakeWhile(k => k == "json").Count();
        Assert.True(fragments >= 2, $"{fragments} fragments");
        Assert.Equal("stop", kinds[first + 1 + fragments]);
        var input = JsonDocument.Parse(partial.ToString()).RootElement;
        Assert.Contains(input.GetProperty("city").GetString(), new[] { "Paris, Île-de-France, France", "Oslo, Østlandet, Norway" });
        Assert.Equal("tool_use", stopReason);
    }
}
