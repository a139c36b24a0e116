using System.Text.Json;

namespace Corral.Prompting.Tests.Jinja;

/// <summary>
/// Goldens/native.json (tools/goldens/jinja-chat): what the native API adds over transformers' inputs, rendered
/// by jinja2 — think on/off/low/max passed as llama.cpp passes them, several tool calls in one turn (one without
/// an id), reasoning on a tool-call turn, tool results with and without ids.
/// </summary>
public sealed class NativeExtraGoldenTests
{
    private static readonly Lazy<JsonElement> Doc = new(() =>
    {
        var path = Path.Combine(JinjaGoldens.RepoRoot(), "tests", "Corral.Prompting.Tests", "Jinja", "Goldens", "native.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    });

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var t in Doc.Value.GetProperty("results").EnumerateObject())
        {
            foreach (var r in t.Value.EnumerateArray())
            {
                data.Add(t.Name, r.GetProperty("scenario").GetString()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NativeScenariosRenderLikeJinja2(string template, string scenario)
    {
        Assert.Equal(JinjaGoldens.Epoch, Doc.Value.GetProperty("source_date_epoch").GetInt64());
        var s = Doc.Value.GetProperty("scenarios").EnumerateArray().First(x => x.GetProperty("name").GetString() == scenario);
        var input = HfToNative.Convert(s.GetProperty("context"), out var reason) ?? throw new InvalidOperationException(reason);
        if (s.GetProperty("think") is { ValueKind: JsonValueKind.Object } think)
        {
            var level = think.TryGetProperty("level", out var l) ? l.GetString() : null;
            input = input with { Think = new ThinkSetting(think.GetProperty("enabled").GetBoolean(), level) };
        }

        var result = Doc.Value.GetProperty("results").GetProperty(template).EnumerateArray()
            .First(r => r.GetProperty("scenario").GetString() == scenario);
        var expected = result.TryGetProperty("output", out var o)
            ? "ok:" + o.GetString()
            : "error:" + result.GetProperty("error").GetProperty("message").GetString();
        Assert.Equal(expected, NativeGoldenTests.Render(template, input));
    }
}
