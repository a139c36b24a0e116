using System.Runtime.CompilerServices;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Templating.Go;

namespace Corral.Prompting.Tests.Go;

/// <summary>A template of the golden file, with the capabilities Ollama derives for it.</summary>
public sealed record GoldenTemplate(string Name, string Source, string? Error, JsonElement? Capabilities)
{
    public override string ToString() => Name;
}

/// <summary>One template rendered with one scenario by tools/goldens/ollama (Go's text/template + Ollama's Execute).</summary>
public sealed record GoldenCase(string Template, string Scenario, string? Output, string? Error)
{
    public override string ToString() => Template + "/" + Scenario;
}

/// <summary>Loads Go/Goldens/*.json (found next to this source file, so the goldens need no copying) and turns scenario
/// inputs (Ollama API JSON) into <see cref="PromptInput"/>s.</summary>
public static class OllamaGoldens
{
    private static readonly Lazy<JsonElement> Chat = new(() => Load("chat.json"));

    public static GoTemplateOptions Options { get; } = new() { Clock = new FixedClock(new DateTimeOffset(2024, 6, 1, 12, 0, 0, TimeSpan.Zero)) };

    public static IEnumerable<GoldenTemplate> Templates() =>
        Chat.Value.GetProperty("templates").EnumerateArray().Select(t => new GoldenTemplate(
            t.GetProperty("name").GetString()!, t.GetProperty("source").GetString()!,
            t.TryGetProperty("error", out var e) ? e.GetString() : null,
            t.TryGetProperty("capabilities", out var c) ? c : null));

    public static IEnumerable<GoldenCase> Cases() =>
        Chat.Value.GetProperty("cases").EnumerateArray().Select(c => new GoldenCase(
            c.GetProperty("template").GetString()!, c.GetProperty("scenario").GetString()!,
            c.TryGetProperty("output", out var o) ? o.GetString() : null,
            c.TryGetProperty("error", out var e) ? e.GetString() : null));

    public static string TemplateSource(string name) => Templates().First(t => t.Name == name).Source;

    public static PromptInput Scenario(string name)
    {
        foreach (var s in Chat.Value.GetProperty("scenarios").EnumerateArray())
        {
            if (s.GetProperty("name").GetString() == name) return ToInput(s.GetProperty("input"));
        }
        throw new KeyNotFoundException(name);
    }

    public static PromptInput ToInput(JsonElement input)
    {
        ThinkSetting? think = !input.TryGetProperty("think", out var t) ? null : t.ValueKind switch
        {
            JsonValueKind.True => new ThinkSetting(true),
            JsonValueKind.False => new ThinkSetting(false),
            JsonValueKind.String => new ThinkSetting(true, t.GetString()),
            _ => null,
        };
        return new PromptInput
        {
            Messages = input.GetProperty("messages").EnumerateArray().Select(ToMessage).ToList(),
            Tools = input.TryGetProperty("tools", out var tools) ? tools.EnumerateArray().Select(ToTool).ToList() : null,
            Think = think,
            Suffix = input.TryGetProperty("suffix", out var suffix) ? suffix.GetString() : null,
        };
    }

    private static Message ToMessage(JsonElement m) => new()
    {
        Role = m.GetProperty("role").GetString()!,
        Content = m.GetProperty("content").GetString()!,
        Thinking = Str(m, "thinking"),
        Images = m.TryGetProperty("images", out var i) ? i.EnumerateArray().Select(x => x.GetString()!).ToArray() : null,
        ToolName = Str(m, "tool_name"),
        ToolCallId = Str(m, "tool_call_id"),
        ToolCalls = m.TryGetProperty("tool_calls", out var calls)
            ? calls.EnumerateArray().Select(c => new ToolCall
            {
                Id = Str(c, "id"),
                Function = new ToolCallFunction
                {
                    Index = c.GetProperty("function").TryGetProperty("index", out var ix) ? ix.GetInt32() : null,
                    Name = c.GetProperty("function").GetProperty("name").GetString()!,
                    Arguments = c.GetProperty("function").TryGetProperty("arguments", out var a) ? a.Clone() : null,
                },
            }).ToArray()
            : null,
    };

    private static Tool ToTool(JsonElement t) => new()
    {
        Type = t.GetProperty("type").GetString()!,
        Function = new ToolFunction
        {
            Name = t.GetProperty("function").GetProperty("name").GetString()!,
            Description = Str(t.GetProperty("function"), "description"),
            Parameters = t.GetProperty("function").TryGetProperty("parameters", out var p) ? p.Clone() : null,
        },
    };

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static JsonElement Load(string file, [CallerFilePath] string sourcePath = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(sourcePath)!, "Goldens", file);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }
}

/// <summary>A clock fixed at one instant, in UTC.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
