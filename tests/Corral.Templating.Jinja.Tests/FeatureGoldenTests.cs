using System.Text.Json;
using Xunit;

namespace Corral.Templating.Jinja.Tests;

/// <summary>Per-feature snippets (tools/goldens/jinja/features.py) whose expected output jinja2 produced.</summary>
public sealed class FeatureGoldenTests
{
    private static readonly Lazy<JsonElement> Data = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Goldens", "_features.json"))).RootElement.Clone());

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Data.Value.GetProperty("cases").EnumerateArray())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesJinja2(string name)
    {
        var c = Data.Value.GetProperty("cases").EnumerateArray().First(x => x.GetProperty("name").GetString() == name);
        var context = (IReadOnlyDictionary<string, object?>)JinjaValue.FromJson(Data.Value.GetProperty("context"))!;
        var options = new JinjaRenderOptions
        {
            Clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1735689600)),
            HonorSourceDateEpoch = false,
        };
        string actual;
        try
        {
            actual = "ok:" + JinjaTemplate.Parse(c.GetProperty("source").GetString()!, name).Render(context, options);
        }
        catch (JinjaRaiseException e)
        {
            actual = "error:TemplateError:" + e.Message;
        }
        catch (JinjaRenderException e)
        {
            actual = "error:" + e.ErrorType + ":" + e.Message;
        }

        var expected = c.TryGetProperty("output", out var o)
            ? "ok:" + o.GetString()
            : "error:" + c.GetProperty("error").GetProperty("type").GetString() + ":" + c.GetProperty("error").GetProperty("message").GetString();
        Assert.Equal(expected, actual);
    }
}
