using Corral.Server.Tests.Native;
using Corral.TestKit;

namespace Corral.Server.Tests.Templates;

/// <summary>Template selection and rendering through the real server (issue 3), checked with _debug_render_only.</summary>
public sealed class TemplateTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();

    public async ValueTask InitializeAsync()
    {
        await _server.InitializeAsync();
        await _server.CreateFromFileAsync("chatml", TestModels.TinyLlamaChatMl);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<string> Rendered(string path, string body)
    {
        var (status, text) = await _server.PostAsync(path, body);
        Assert.True(status == 200, text);
        return Http.Json(text.Split('\n')[0]).GetProperty("_debug_info").GetProperty("rendered_template").GetString()!;
    }

    [Fact]
    public async Task GgufJinjaTemplate_IsRenderedByCorral_WithGenerationPrompt()
    {
        var rendered = await Rendered("/api/chat",
            """{"model":"chatml","_debug_render_only":true,"messages":[{"role":"system","content":"Be kind."},{"role":"user","content":"Hi"}]}""");
        Assert.Equal("<|im_start|>system\nBe kind.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", rendered);
    }

    [Fact]
    public async Task Generate_UsesTheChatTemplate_AndTheModelfileSystem()
    {
        var (status, body) = await _server.PostAsync("/api/create",
            """{"model":"withsystem","from":"chatml","system":"You write stories.","stream":false}""");
        Assert.Equal(200, status);
        var rendered = await Rendered("/api/generate", """{"model":"withsystem","prompt":"Go","_debug_render_only":true}""");
        Assert.Equal("<|im_start|>system\nYou write stories.<|im_end|>\n<|im_start|>user\nGo<|im_end|>\n<|im_start|>assistant\n", rendered);
    }

    [Fact]
    public async Task ModelfileGoTemplate_MessagesMode_WinsOverTheGgufTemplate()
    {
        const string Template = "{{ range .Messages }}[{{ .Role }}] {{ .Content }}\\n{{ end }}[assistant] ";
        var (status, body) = await _server.PostAsync("/api/create", $$"""{"model":"go","from":"chatml","template":"{{Template}}","stream":false}""");
        Assert.True(status == 200, body);
        var rendered = await Rendered("/api/chat",
            """{"model":"go","_debug_render_only":true,"messages":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"assistant","content":"c"}]}""");
        Assert.Equal("[user] a\n\nb\n[assistant] c\n[assistant] ", rendered); // consecutive user messages merged, as Ollama does
    }

    [Fact]
    public async Task ModelfileGoTemplate_LegacyMode_RendersPerTurn()
    {
        const string Template = "{{ if .System }}S:{{ .System }} {{ end }}U:{{ .Prompt }} A:{{ .Response }}|";
        await _server.PostAsync("/api/create", $$"""{"model":"legacy","from":"chatml","template":"{{Template}}","stream":false}""");
        var rendered = await Rendered("/api/chat",
            """{"model":"legacy","_debug_render_only":true,"messages":[{"role":"system","content":"sys"},{"role":"user","content":"q1"},{"role":"assistant","content":"a1"},{"role":"user","content":"q2"}]}""");
        Assert.Equal("S:sys U:q1 A:a1|U:q2 A:", rendered);
    }

    [Fact]
    public async Task RequestTemplate_OverridesEverything_AndSuffixNeedsInsert()
    {
        var rendered = await Rendered("/api/generate",
            """{"model":"chatml","prompt":"def f(","suffix":"return 1","template":"<PRE> {{ .Prompt }} <SUF>{{ .Suffix }} <MID>","_debug_render_only":true}""");
        Assert.Equal("<PRE> def f( <SUF>return 1 <MID>", rendered);

        var (status, body) = await _server.PostAsync("/api/generate", """{"model":"chatml","prompt":"x","suffix":"y"}""");
        Assert.Equal(400, status);
        Assert.Equal("\"chatml:latest\" does not support insert", Http.Error(body));
    }

    [Fact]
    public async Task BrokenTemplate_FailsAtCreate_WithLineNumber()
    {
        var (status, body) = await _server.PostAsync("/api/create",
            """{"model":"broken","from":"chatml","template":"line one\n{{ if .System }}unclosed","stream":false}""");
        Assert.Equal(400, status);
        var error = Http.Error(body);
        Assert.Contains("Modelfile TEMPLATE", error, StringComparison.Ordinal);
        Assert.Contains("2", error, StringComparison.Ordinal);
        Assert.Equal(404, (await _server.PostAsync("/api/show", """{"model":"broken"}""")).Status);
    }

    [Fact]
    public async Task Capabilities_FollowTheTemplate()
    {
        const string Tools = "{{ if .Tools }}TOOLS {{ .Tools }}{{ end }}{{ range .Messages }}{{ .Content }}{{ end }}";
        await _server.PostAsync("/api/create", $$"""{"model":"tooly","from":"chatml","template":"{{Tools}}","stream":false}""");
        var show = Http.Json((await _server.PostAsync("/api/show", """{"model":"tooly"}""")).Body);
        var capabilities = show.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).ToArray();
        Assert.Contains("tools", capabilities);
        Assert.Contains("completion", capabilities);

        var plain = Http.Json((await _server.PostAsync("/api/show", """{"model":"chatml"}""")).Body);
        Assert.DoesNotContain("tools", plain.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));

        var rendered = await Rendered("/api/chat",
            """{"model":"tooly","_debug_render_only":true,"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{}}}}]}""");
        Assert.StartsWith("TOOLS [{\"type\":\"function\",\"function\":{\"name\":\"get_time\"", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderErrors_Are400_WithTheTemplatesOwnMessage()
    {
        const string Raising = "{{ range .Messages }}{{ if eq .Role \\\"tool\\\" }}{{ index .ToolCalls 3 }}{{ end }}{{ .Content }}{{ end }}";
        var (created, createBody) = await _server.PostAsync("/api/create", $$"""{"model":"raise","from":"chatml","template":"{{Raising}}","stream":false}""");
        Assert.True(created == 200, createBody);
        var (status, body) = await _server.PostAsync("/api/chat",
            """{"model":"raise","_debug_render_only":true,"messages":[{"role":"tool","content":"x"}]}""");
        Assert.Equal(400, status);
        Assert.Contains("index", Http.Error(body), StringComparison.Ordinal);
    }
}
