using System.Diagnostics;

namespace Corral.Templating.Go.Tests;

public sealed class SandboxTests
{
    private static GoTemplateRenderException Fails(string template, object? data, GoTemplateOptions? options = null)
    {
        var sw = Stopwatch.StartNew();
        var t = GoTemplate.Parse("t", template, options);
        var ex = Assert.Throws<GoTemplateRenderException>(() => t.Render(data));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), "limit not enforced in bounded time");
        return ex;
    }

    private static List<object?> Range(int n) => Enumerable.Range(0, n).Select(i => (object?)(long)i).ToList();

    [Fact]
    public void StepLimit()
    {
        var ex = Fails("{{ range .L }}{{ range $.L }}{{ range $.L }}{{ end }}{{ end }}{{ end }}", new Dictionary<string, object?> { ["L"] = Range(1000) });
        Assert.True(ex.IsLimit);
        Assert.Contains("step limit", ex.Message);
    }

    [Fact]
    public void CustomStepLimit()
    {
        var ex = Fails("{{ range .L }}{{ . }}{{ end }}", new Dictionary<string, object?> { ["L"] = Range(100) }, new GoTemplateOptions { MaxSteps = 50 });
        Assert.True(ex.IsLimit);
    }

    [Fact]
    public void RecursionDepth()
    {
        var ex = Fails("{{ define \"x\" }}{{ template \"x\" . }}{{ end }}{{ template \"x\" . }}", null);
        Assert.Equal("template: t:1:28: executing \"x\" at <{{template \"x\" .}}>: exceeded maximum template depth (100)", ex.Message);
        Assert.True(ex.IsLimit);
    }

    [Fact]
    public void OutputLimit()
    {
        var ex = Fails("{{ range .L }}{{ printf \"%1000000d\" 1 }}{{ end }}", new Dictionary<string, object?> { ["L"] = Range(100) },
            new GoTemplateOptions { MaxOutputChars = 5_000_000 });
        Assert.True(ex.IsLimit);
        Assert.Contains("output limit", ex.Message);
    }

    [Fact]
    public void TimeLimit()
    {
        var options = new GoTemplateOptions { MaxSteps = long.MaxValue, Timeout = TimeSpan.FromMilliseconds(200) };
        var ex = Fails("{{ range .L }}{{ range $.L }}{{ range $.L }}{{ end }}{{ end }}{{ end }}", new Dictionary<string, object?> { ["L"] = Range(2000) }, options);
        Assert.True(ex.IsLimit);
        Assert.Contains("time limit", ex.Message);
    }

    [Fact]
    public void DeepNestingIsRejectedNotCrashing()
    {
        string deep = string.Concat(Enumerable.Repeat("(", 5000)) + "1" + string.Concat(Enumerable.Repeat(")", 5000));
        Assert.Throws<GoTemplateSyntaxException>(() => GoTemplate.Parse("t", "{{ " + deep + " }}"));
        string ifs = string.Concat(Enumerable.Repeat("{{ if true }}", 5000)) + string.Concat(Enumerable.Repeat("{{ end }}", 5000));
        Assert.Throws<GoTemplateSyntaxException>(() => GoTemplate.Parse("t", ifs));
    }

    [Fact]
    public void CyclicDataIsRejectedNotCrashing()
    {
        var list = new List<object?>();
        list.Add(list);
        var data = new Dictionary<string, object?> { ["L"] = list };
        Assert.Throws<GoTemplateRenderException>(() => GoTemplate.Parse("t", "{{ .L }}").Render(data));
        Assert.Equal("", GoTemplate.Parse("t", "{{ json .L }}").Render(data));
    }

    [Fact]
    public void HugePrintfWidthIsBadWidth()
    {
        Assert.Equal("%!(NOVERB)%!(EXTRA int=1)", GoTemplate.Parse("t", "{{ printf \"%99999999d\" 1 }}").Render(null));
    }
}
