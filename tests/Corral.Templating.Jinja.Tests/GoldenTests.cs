using System.Text.Json;
using Xunit;

namespace Corral.Templating.Jinja.Tests;

/// <summary>Renders the 65 vendor chat templates with the scenarios jinja2 rendered (tools/goldens/jinja) and compares byte for byte.</summary>
public sealed class GoldenTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Goldens");

    private static readonly Lazy<(long Epoch, Dictionary<string, JsonElement> Contexts)> Scenarios = new(() =>
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "_scenarios.json")));
        var contexts = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var s in doc.RootElement.GetProperty("scenarios").EnumerateArray())
        {
            contexts[s.GetProperty("name").GetString()!] = s.GetProperty("context").Clone();
        }

        return (doc.RootElement.GetProperty("source_date_epoch").GetInt64(), contexts);
    });

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (template, scenario) in CaseList())
        {
            data.Add(template, scenario);
        }

        return data;
    }

    internal static List<(string Template, string Scenario)> CaseList()
    {
        var data = new List<(string, string)>();
        foreach (var file in Directory.GetFiles(Dir, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (name.StartsWith('_'))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
            {
                data.Add((name, r.GetProperty("scenario").GetString()!));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RendersLikeJinja2(string template, string scenario)
    {
        var (outcome, expected) = Run(template, scenario);
        Assert.Equal(expected, outcome);
    }

    /// <summary>Renders one case; returns (actual, expected) as comparable strings ("ok:..." or "error:Type:message").</summary>
    internal static (string Actual, string Expected) Run(string template, string scenario)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, template + ".json")));
        var root = doc.RootElement;
        var result = root.GetProperty("results").EnumerateArray().First(r => r.GetProperty("scenario").GetString() == scenario);
        var expected = result.TryGetProperty("output", out var o)
            ? "ok:" + o.GetString()
            : "error:" + Kind(result.GetProperty("error").GetProperty("type").GetString()!) + ":" + result.GetProperty("error").GetProperty("message").GetString();
        var context = (IReadOnlyDictionary<string, object?>)JinjaValue.FromJson(Scenarios.Value.Contexts[scenario])!;
        var options = new JinjaRenderOptions
        {
            Clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(Scenarios.Value.Epoch)),
            HonorSourceDateEpoch = false,
            Timeout = TimeSpan.FromSeconds(20),
        };
        string actual;
        try
        {
            actual = "ok:" + JinjaTemplate.Parse(root.GetProperty("source").GetString()!, template).Render(context, options);
        }
        catch (JinjaRaiseException e)
        {
            actual = "error:raise:" + e.Message;
        }
        catch (JinjaException e)
        {
            actual = "error:render:" + e.Message;
        }

        return (actual, expected);
    }

    private static string Kind(string pythonType) => pythonType == "TemplateError" ? "raise" : "render";
}

/// <summary>A clock frozen at one instant, in UTC.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
