using System.Text.Json;
using Corral.Prompting.Structured;
using Corral.Server.Tests.Native;
using Corral.TestKit;

namespace Corral.Server.Tests;

/// <summary>
/// A server with the tiny chat model under three tool templates: <c>tooly</c> (tools rendered, no call marker: calls are
/// Ollama's generic JSON), <c>hermesy</c> (past calls written as <c>&lt;tool_call&gt;</c>: the Hermes family) and
/// <c>xmly</c> (Qwen3-Coder XML parameters, which no grammar in Corral writes). The tools' arguments are enums and
/// bounded integers, so a grammar-forced call always finishes within the token budget.
/// </summary>
public sealed class ToolChoiceFixture : IAsyncLifetime
{
    private const string Messages = "{{ range .Messages }}{{ .Role }}: {{ .Content }}{{ range .ToolCalls }}CALLS{{ end }}\\n{{ end }}assistant: ";

    public const string WeatherParameters =
        """{"type":"object","properties":{"city":{"enum":["Paris, Île-de-France, France","Oslo, Østlandet, Norway"]},"unit":{"enum":["celsius","fahrenheit"]}},"required":["city","unit"]}""";

    public const string TimeParameters =
        """{"type":"object","properties":{"zone":{"enum":["Europe/Paris","America/Los_Angeles"]},"hour":{"type":"integer","minimum":0,"maximum":23}},"required":["zone","hour"]}""";

    public ServerFixture Server { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Server.InitializeAsync();
        await Server.CreateFromFileAsync("chatml", TestModels.TinyLlamaChatMl);
        await Create("tooly", "{{ if .Tools }}Tools: {{ .Tools }}\\n{{ end }}" + Messages.Replace("CALLS", "{{ .Function.Name }}", StringComparison.Ordinal));
        await Create("hermesy", "{{ if .Tools }}Tools: {{ .Tools }}\\n{{ end }}" + Messages.Replace("CALLS", "<tool_call>{{ .Function.Name }}</tool_call>", StringComparison.Ordinal));
        await Create("xmly", "{{ if .Tools }}Tools: {{ .Tools }} Call as <function=NAME><parameter=KEY>VALUE</parameter></function>\\n{{ end }}"
            + Messages.Replace("CALLS", "", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    /// <summary>Schema errors of <paramref name="arguments"/> against the named tool's parameters (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(string tool, JsonElement arguments)
    {
        using var schema = JsonDocument.Parse(tool == "get_weather" ? WeatherParameters : TimeParameters);
        return JsonSchemaValidator.Validate(schema.RootElement, arguments);
    }

    private async Task Create(string name, string template)
    {
        var (status, body) = await Server.PostAsync("/api/create",
            $$"""{"model":"{{name}}","from":"chatml","template":"{{template}}","parameters":{"temperature":0},"stream":false}""");
        Assert.True(status == 200, body);
    }
}
