using System.Text.Json.Nodes;
using Xunit;

namespace Corral.Templating.Jinja.Tests;

/// <summary>Public API behaviour: errors with locations, JSON conversion, context handling, clock.</summary>
public sealed class ApiTests
{
    [Theory]
    [InlineData("hello\n{% if x %}\n{% endfor %}", 3)]
    [InlineData("{{ x + }}", 1)]
    [InlineData("a\nb\n{% frobnicate %}", 3)]
    [InlineData("{{ 'unterminated }}", 1)]
    [InlineData("{% for x in y %}", 1)]
    [InlineData("{# never closed", 1)]
    [InlineData("{{ (((1 }}", 1)]
    public void SyntaxErrorsCarryNameAndLocation(string source, int line)
    {
        var e = Assert.Throws<JinjaSyntaxException>(() => JinjaTemplate.Parse(source, "bad.jinja"));
        Assert.Equal("bad.jinja", e.TemplateName);
        Assert.Equal(line, e.Line);
        Assert.True(e.Column >= 1);
    }

    [Fact]
    public void UnknownFilterOutsideIfFailsAtParseTime()
    {
        var e = Assert.Throws<JinjaSyntaxException>(() => JinjaTemplate.Parse("{{ x | from_json }}"));
        Assert.Equal("No filter named 'from_json'.", e.Message);
    }

    [Fact]
    public void JsonObjectsKeepKeyOrder()
    {
        var tools = JsonNode.Parse("""[{"type":"function","function":{"name":"f","parameters":{"z":1,"a":{"y":true,"b":null},"m":[1.5,2]}}}]""");
        var context = new Dictionary<string, object?> { ["tools"] = JinjaValue.FromJson(tools) };
        var output = JinjaTemplate.Parse("{{ tools[0].function | tojson }}").Render(context);
        Assert.Equal("""{"name": "f", "parameters": {"z": 1, "a": {"y": true, "b": null}, "m": [1.5, 2]}}""", output);
    }

    [Fact]
    public void ToolsNoneIsDefinedButFalsy()
    {
        var context = new Dictionary<string, object?> { ["tools"] = null };
        Assert.Equal("defined-none", JinjaTemplate.Parse("{% if tools is defined %}defined{% endif %}{% if tools is none %}-none{% endif %}").Render(context));
    }

    [Fact]
    public void StrftimeUsesInjectedClock()
    {
        var options = new JinjaRenderOptions { Clock = new FixedClock(new DateTimeOffset(2024, 7, 4, 15, 30, 0, TimeSpan.Zero)), HonorSourceDateEpoch = false };
        Assert.Equal("04 Jul 2024 / July 04, 2024", JinjaTemplate.Parse("{{ strftime_now('%d %b %Y') }} / {{ strftime_now('%B %d, %Y') }}").Render(new Dictionary<string, object?>(), options));
    }

    [Fact]
    public void AcceptsPlainDotNetCollections()
    {
        var context = new Dictionary<string, object?>
        {
            ["messages"] = new object?[] { new Dictionary<string, object?> { ["role"] = "user", ["content"] = "hi" } },
            ["n"] = 3,
        };
        Assert.Equal("user:hi 4", JinjaTemplate.Parse("{% for m in messages %}{{ m.role }}:{{ m['content'] }}{% endfor %} {{ n + 1 }}").Render(context));
    }

    [Fact]
    public void TemplateIsReusableAcrossRenders()
    {
        var t = JinjaTemplate.Parse("{% set ns = namespace(c=0) %}{% for x in xs %}{% set ns.c = ns.c + x %}{% endfor %}{{ ns.c }}");
        Assert.Equal("6", t.Render(new Dictionary<string, object?> { ["xs"] = new List<object?> { 1L, 2L, 3L } }));
        Assert.Equal("0", t.Render(new Dictionary<string, object?> { ["xs"] = new List<object?>() }));
    }

    [Fact]
    public void TrailingNewlineIsDroppedAndCrLfNormalized()
    {
        Assert.Equal("a\nb", JinjaTemplate.Parse("a\r\nb\n").Render(new Dictionary<string, object?>()));
    }
}
