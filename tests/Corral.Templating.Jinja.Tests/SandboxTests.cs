using System.Diagnostics;
using Xunit;

namespace Corral.Templating.Jinja.Tests;

/// <summary>Untrusted templates: limits end runaway renders quickly with a clear error; no object probing.</summary>
public sealed class SandboxTests
{
    private static readonly Dictionary<string, object?> Empty = [];

    private static JinjaRenderException RenderFails(string source, JinjaRenderOptions? options = null)
    {
        var template = JinjaTemplate.Parse(source, "t");
        var sw = Stopwatch.StartNew();
        var e = Assert.ThrowsAny<JinjaRenderException>(() => template.Render(Empty, options ?? JinjaRenderOptions.Default));
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
        return e;
    }

    [Fact]
    public void HugeLoopHitsIterationLimit()
    {
        var e = RenderFails("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}");
        Assert.Equal("LimitExceeded", e.ErrorType);
        Assert.Contains("loop iterations", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeRangeIsRejectedBeforeAllocation()
    {
        var e = RenderFails("{% for i in range(10 ** 15) %}{% endfor %}");
        Assert.Equal("LimitExceeded", e.ErrorType);
    }

    [Fact]
    public void WallClockLimitApplies()
    {
        var options = new JinjaRenderOptions { MaxLoopIterations = long.MaxValue, Timeout = TimeSpan.FromMilliseconds(200) };
        var e = RenderFails("{% for i in range(999999) %}{% for j in range(999999) %}{% endfor %}{% endfor %}", options);
        Assert.Contains("time limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepRecursionHitsDepthLimit()
    {
        var e = RenderFails("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        Assert.Equal("LimitExceeded", e.ErrorType);
        Assert.Contains("depth", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeOutputHitsSizeLimit()
    {
        var e = RenderFails("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}");
        Assert.Equal("LimitExceeded", e.ErrorType);
        Assert.Contains("characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExponentialStringGrowthIsBounded()
    {
        var e = RenderFails("{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}");
        Assert.Equal("LimitExceeded", e.ErrorType);
    }

    [Fact]
    public void HugeStringRepetitionIsBounded()
    {
        Assert.Equal("LimitExceeded", RenderFails("{{ 'x' * 10000000000 }}").ErrorType);
    }

    [Theory]
    [InlineData("{{ ''.__class__.__mro__ }}")]
    [InlineData("{{ messages.__class__.__base__.__subclasses__() }}")]
    [InlineData("{{ raise_exception.__globals__['os'] }}")]
    [InlineData("{{ namespace.__init__.__globals__['os'] }}")]
    public void DunderProbingFails(string source)
    {
        var template = JinjaTemplate.Parse(source);
        var context = new Dictionary<string, object?> { ["messages"] = new List<object?>() };
        var e = Assert.ThrowsAny<JinjaRenderException>(() => template.Render(context));
        Assert.Contains("unsafe", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DunderAttributePrintsEmpty()
    {
        Assert.Equal("[]", JinjaTemplate.Parse("[{{ ''.__class__ }}]").Render(Empty));
    }

    [Fact]
    public void MutatingPassedInValuesIsASecurityError()
    {
        var list = new List<object?> { 1L };
        var context = new Dictionary<string, object?> { ["l"] = list, ["d"] = new Dictionary<string, object?> { ["a"] = 1L } };
        var e = Assert.ThrowsAny<JinjaRenderException>(() => JinjaTemplate.Parse("{{ l.append(2) }}").Render(context));
        Assert.Equal("SecurityError", e.ErrorType);
        Assert.Equal("access to attribute 'append' of 'list' object is unsafe.", e.Message);
        Assert.Single(list);
        e = Assert.ThrowsAny<JinjaRenderException>(() => JinjaTemplate.Parse("{{ d.update({'b': 2}) }}").Render(context));
        Assert.Equal("access to attribute 'update' of 'dict' object is unsafe.", e.Message);
    }

    [Fact]
    public void RaiseExceptionCarriesTemplateMessageAndLine()
    {
        var e = Assert.Throws<JinjaRaiseException>(() => JinjaTemplate.Parse("a\n{{ raise_exception('Only user and assistant roles are supported!') }}", "tpl").Render(Empty));
        Assert.Equal("Only user and assistant roles are supported!", e.Message);
        Assert.Equal("tpl", e.TemplateName);
        Assert.Equal(2, e.Line);
    }
}
