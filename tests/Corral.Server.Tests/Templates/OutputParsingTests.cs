using Corral.Server.Tests.Native;
using Corral.TestKit;

namespace Corral.Server.Tests.Templates;

/// <summary>Tool calls, thinking and JSON schemas through the real server. The tiny models are not chat-tuned, so the
/// grammar forces the shape of the answer; what is tested is that Corral enforces, parses and reports it.</summary>
public sealed class OutputParsingTests : IAsyncLifetime
{
    private const string Tools = """[{"type":"function","function":{"name":"get_weather","description":"Weather in a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";

    private const string CallSchema = """{"type":"object","properties":{"name":{"const":"get_weather"},"arguments":{"type":"object","properties":{"city":{"enum":["Paris","Oslo"]}},"required":["city"],"additionalProperties":false}},"required":["name","arguments"],"additionalProperties":false}""";

    private readonly ServerFixture _server = new();

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("chatml", TestModels.TinyLlamaChatMl);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task GrammarForcedToolCall_IsParsedIntoToolCalls_WithIdAndObjectArguments()
    {
        const string Template = "{{ if .Tools }}Tools: {{ .Tools }}\\n{{ end }}{{ range .Messages }}{{ .Role }}: {{ .Content }}\\n{{ end }}assistant: ";
        var (created, createBody) = await _server.PostAsync("/api/create", $$"""{"model":"tooly","from":"chatml","template":"{{Template}}","stream":false}""");
        Assert.True(created == 200, createBody);

        var (status, body) = await _server.PostAsync("/api/chat",
            $$$"""{"model":"tooly","stream":false,"messages":[{"role":"user","content":"Weather in Paris?"}],"tools":{{{Tools}}},"format":{{{CallSchema}}},"options":{"temperature":0,"num_predict":400}}""");
        Assert.True(status == 200, body);
        var message = Http.Json(body).GetProperty("message");
        var call = Assert.Single(message.GetProperty("tool_calls").EnumerateArray().ToArray());
        Assert.Equal("get_weather", call.GetProperty("function").GetProperty("name").GetString());
        Assert.Contains(call.GetProperty("function").GetProperty("arguments").GetProperty("city").GetString(), new[] { "Paris", "Oslo" });
        Assert.StartsWith("call_", call.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("", message.GetProperty("content").GetString());
    }

    [Fact]
    public async Task SchemaFormat_IsEnforced_AndAnUnsupportedKeywordIsA400NamingIt()
    {
        var (status, body) = await _server.PostAsync("/api/generate",
            """{"model":"chatml","prompt":"Pick","stream":false,"format":{"type":"object","properties":{"pick":{"enum":["yes","no"]}},"required":["pick"]},"options":{"temperature":0,"num_predict":400}}""");
        Assert.True(status == 200, body);
        var json = Http.Json(body);
        var answer = Http.Json(json.GetProperty("response").GetString()!);
        Assert.Contains(answer.GetProperty("pick").GetString(), new[] { "yes", "no" });
        Assert.False(json.TryGetProperty("format_error", out _));

        var (refused, error) = await _server.PostAsync("/api/generate",
            """{"model":"chatml","prompt":"x","format":{"type":"string","pattern":"^a+$","not":{"const":"b"}}}""");
        Assert.Equal(400, refused);
        Assert.Matches("pattern|not", Http.Error(error));
    }

    [Fact]
    public async Task SchemaAnswerCutShort_SaysSoInTheFinalChunk()
    {
        var (status, body) = await _server.PostAsync("/api/generate",
            """{"model":"chatml","prompt":"List","stream":false,"format":{"type":"object","properties":{"items":{"type":"array","items":{"type":"string"},"minItems":5}},"required":["items"]},"options":{"temperature":0,"num_predict":3}}""");
        Assert.True(status == 200, body);
        var json = Http.Json(body);
        Assert.Equal("length", json.GetProperty("done_reason").GetString());
        Assert.Contains("not complete JSON", json.GetProperty("format_error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThinkingTemplate_SplitsReasoningFromTheAnswer()
    {
        // The generation prompt opens <think>, so everything the model writes until </think> is reasoning.
        const string Template = "{{ range .Messages }}{{ .Role }}: {{ .Content }}{{ if .Thinking }}<think>{{ .Thinking }}</think>{{ end }}\\n{{ end }}assistant: <think>";
        await _server.PostAsync("/api/create", $$"""{"model":"thinker","from":"chatml","template":"{{Template}}","stream":false}""");
        var show = Http.Json((await _server.PostAsync("/api/show", """{"model":"thinker"}""")).Body);
        Assert.Contains("thinking", show.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));

        var (status, body) = await _server.PostAsync("/api/chat",
            """{"model":"thinker","stream":false,"think":true,"messages":[{"role":"user","content":"Once upon a time"}],"options":{"temperature":0,"num_predict":12}}""");
        Assert.True(status == 200, body);
        var message = Http.Json(body).GetProperty("message");
        Assert.False(string.IsNullOrEmpty(message.GetProperty("thinking").GetString()));
        Assert.DoesNotContain("<think>", message.GetProperty("thinking").GetString(), StringComparison.Ordinal);
    }
}
