using Corral.Prompting.Jinja;
using Corral.Templating.Jinja;

namespace Corral.Prompting.Tests.Jinja;

/// <summary>
/// Every jinja2 golden (65 vendor templates × 10 transformers-style scenarios) rendered again from native
/// Message/Tool DTOs through <see cref="HfJinjaTemplate"/>: equal output proves the native → transformers mapping
/// is faithful; golden errors must come back as <see cref="PromptTemplateException"/> with Python's message.
/// </summary>
public sealed class NativeGoldenTests
{
    /// <summary>Scenarios with no native form (none today).</summary>
    private static readonly HashSet<string> Inexpressible = new(StringComparer.Ordinal);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (template, scenario) in JinjaGoldens.Cases())
        {
            data.Add(template, scenario);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NativeInputRendersLikeTransformers(string template, string scenario)
    {
        var input = HfToNative.Convert(JinjaGoldens.Context(scenario), out var reason);
        if (input is null)
        {
            // A scenario native DTOs cannot express (null or content-part content, extra message keys, documents)
            // would be skipped here, and only if listed in Inexpressible. All ten committed scenarios are
            // expressible, so the list is empty and a conversion failure is a test failure.
            Assert.True(Inexpressible.Contains(scenario), $"{scenario}: {reason}");
            return;
        }

        Assert.Equal(JinjaGoldens.Expected(template, scenario), Render(template, input));
    }

    internal static string Render(string template, PromptInput input)
    {
        var options = new JinjaRenderOptions
        {
            Clock = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(JinjaGoldens.Epoch)),
            HonorSourceDateEpoch = false,
            Timeout = TimeSpan.FromSeconds(20),
        };
        try
        {
            return "ok:" + HfJinjaTemplate.Parse(JinjaGoldens.Source(template), template, options).Render(input);
        }
        catch (PromptTemplateException e) when (!e.IsSyntaxError && e.InnerException is JinjaException inner)
        {
            Assert.Contains(inner.Message, e.Message, StringComparison.Ordinal);
            Assert.StartsWith(template + ": ", e.Message, StringComparison.Ordinal);
            return "error:" + inner.Message;
        }
    }
}
