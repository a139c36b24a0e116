namespace Corral.Templating.Go.Tests;

public sealed class ApiTests
{
    private static Dictionary<string, object?> Map(params (string K, object? V)[] kv) =>
        kv.ToDictionary(x => x.K, x => x.V, StringComparer.Ordinal);

    [Fact]
    public void Identifiers_ListFieldsVariablesAndChains()
    {
        var t = GoTemplate.Parse("t", "{{ range .Messages }}{{ .Role }}{{ $.Tools }}{{ (.X).Thinking }}{{ end }}{{ template \"d\" .Suffix }}{{ define \"d\" }}{{ .Response }}{{ end }}");
        foreach (var id in new[] { "Messages", "Role", "$", "Tools", "X", "Thinking", "Suffix", "Response" })
            Assert.Contains(id, t.Identifiers);
        Assert.True(t.References("messages"));
        Assert.False(t.References("Prompt"));
    }

    [Fact]
    public void Nodes_WalksAllTemplates()
    {
        var t = GoTemplate.Parse("t", "{{ define \"a\" }}{{ .A }}{{ end }}{{ if .B }}x{{ end }}");
        Assert.Contains(t.Nodes(), n => n is FieldNode f && f.Ident[0] == "A");
        Assert.Contains(t.Nodes(), n => n is IfNode);
        Assert.Equal(2, t.Templates.Count);
    }

    [Fact]
    public void WithRoot_AppendsResponseLikeOllama()
    {
        var t = GoTemplate.Parse("t", "{{ .Prompt }}");
        var extra = GoTemplate.Parse("t", "{{ .Response }}").Root.Nodes[0];
        var nodes = new List<GoNode>(t.Root.Nodes) { extra };
        var t2 = t.WithRoot(t.Root with { Nodes = nodes });
        Assert.Equal("PR", t2.Render(Map(("Prompt", "P"), ("Response", "R"))));
        Assert.Equal("P", t.Render(Map(("Prompt", "P"), ("Response", "R"))));
    }

    [Fact]
    public void RenderTemplate_ExecutesAssociatedTemplate()
    {
        var t = GoTemplate.Parse("t", "main{{ define \"x\" }}[{{ . }}]{{ end }}");
        Assert.Equal("[5]", t.RenderTemplate("x", 5));
        var sw = new StringWriter();
        t.Render(null, sw);
        Assert.Equal("main", sw.ToString());
        Assert.Throws<GoTemplateRenderException>(() => t.RenderTemplate("nope", null));
    }

    [Fact]
    public void SyntaxError_CarriesNameLineAndColumn()
    {
        var ex = Assert.Throws<GoTemplateSyntaxException>(() => GoTemplate.Parse("name", "a\nb\n{{ } }}"));
        Assert.Equal("template: name:3: unexpected \"}\" in command", ex.Message);
        Assert.Equal("name", ex.TemplateName);
        Assert.Equal(3, ex.Line);
        Assert.Equal(3, ex.Column);
    }

    [Fact]
    public void Struct_MissingFieldIsAnError_AndStringerIsUsed()
    {
        var msg = new GoStruct("api.Message", ("Role", "role", false, "user"), ("Content", "content", false, "hi"));
        var data = Map(("M", msg), ("Args", new JsonMap { ["b"] = 1L, ["a"] = "<x>" }));
        var t = GoTemplate.Parse("t", "{{ .M.Role }} {{ .M }} {{ .Args }} {{ printf \"%+v\" .M }}");
        Assert.Equal("user {user hi} {\"a\":\"\\u003cx\\u003e\",\"b\":1} {Role:user Content:hi}", t.Render(data));
        var bad = GoTemplate.Parse("t", "{{ .M.Nope }}");
        var ex = Assert.Throws<GoTemplateRenderException>(() => bad.Render(data));
        Assert.Equal("template: t:1:5: executing \"t\" at <.M.Nope>: can't evaluate field Nope in type interface {}", ex.Message);
        var direct = Assert.Throws<GoTemplateRenderException>(() => GoTemplate.Parse("t", "{{ .Nope }}").Render(msg));
        Assert.EndsWith("can't evaluate field Nope in type api.Message", direct.Message);
    }

    [Fact]
    public void Call_InvokesOnlyGoCallable()
    {
        GoCallable add = args => (long)args[0]! + (long)args[1]!;
        GoCallable fail = _ => throw new InvalidOperationException("boom");
        var data = Map(("Add", add), ("Fail", fail), ("Other", new Func<int>(() => 1)));
        Assert.Equal("5", GoTemplate.Parse("t", "{{ call .Add 2 3 }}").Render(data));
        var ex = Assert.Throws<GoTemplateRenderException>(() => GoTemplate.Parse("t", "{{ call .Fail }}").Render(data));
        Assert.EndsWith("error calling call: boom", ex.Message);
        Assert.Throws<GoTemplateRenderException>(() => GoTemplate.Parse("t", "{{ call .Other }}").Render(data));
        Assert.Throws<GoTemplateRenderException>(() => GoTemplate.Parse("t", "{{ .Add }}").Render(data));
    }

    [Fact]
    public void PlainDotNetObjects_AreOpaque()
    {
        var data = Map(("Obj", new Uri("http://x/")));
        var ex = Assert.Throws<GoTemplateRenderException>(() => GoTemplate.Parse("t", "{{ .Obj.Host }}").Render(data));
        Assert.Contains("can't evaluate field Host", ex.Message);
    }

    [Fact]
    public void TypedCollections_AreSupported()
    {
        var data = Map(("L", new List<int> { 1, 2 }), ("D", new Dictionary<string, string> { ["k"] = "v" }), ("A", new[] { "x", "y" }));
        Assert.Equal("[1 2] map[k:v] [x y] 2 v", GoTemplate.Parse("t", "{{ .L }} {{ .D }} {{ .A }} {{ len .A }} {{ .D.k }}").Render(data));
    }

    [Fact]
    public void RangeOverInteger_Go122()
    {
        Assert.Equal("012", GoTemplate.Parse("t", "{{ range 3 }}{{ . }}{{ end }}").Render(null));
        Assert.Equal("01", GoTemplate.Parse("t", "{{ range $i := 2 }}{{ $i }}{{ end }}").Render(null));
        Assert.Equal("none", GoTemplate.Parse("t", "{{ range 0 }}x{{ else }}none{{ end }}").Render(null));
    }

    [Fact]
    public void ElseWith_Go123()
    {
        var t = GoTemplate.Parse("t", "{{ with .A }}a{{ else with .B }}b={{ . }}{{ else }}none{{ end }}");
        Assert.Equal("b=2", t.Render(Map(("A", 0L), ("B", 2L))));
        Assert.Equal("none", t.Render(Map()));
        Assert.Equal("a", t.Render(Map(("A", 1L))));
    }

    [Fact]
    public void Dates_UseClockOrSourceDateEpoch()
    {
        var t = GoTemplate.Parse("t", "{{ currentDate }} {{ yesterdayDate \"x\" }}", new GoTemplateOptions { Clock = new FixedClock() });
        Assert.Equal("2024-06-01 2024-05-31", t.Render(null));
        var old = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        try
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "86400");
            Assert.Equal("1970-01-02 1970-01-01", GoTemplate.Parse("t", "{{ currentDate }} {{ yesterdayDate }}").Render(null));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", old);
        }
    }

    [Fact]
    public void OllamaFunctions_CanBeDisabled()
    {
        var ex = Assert.Throws<GoTemplateSyntaxException>(() => GoTemplate.Parse("t", "{{ json . }}", new GoTemplateOptions { OllamaFunctions = false }));
        Assert.Equal("template: t:1: function \"json\" not defined", ex.Message);
    }

    [Fact]
    public void GoFormat_IsExposed()
    {
        Assert.Equal("1 2a", GoFormat.Sprint(1, 2, "a"));
        Assert.Equal("00042|1e+06", GoFormat.Sprintf("%05d|%v", 42, 1e6));
        Assert.Equal("{\"a\":[1,\"\\u0026\"]}", GoFormat.Json(new Dictionary<string, object?> { ["a"] = new List<object?> { 1, "&" } }));
        Assert.Null(GoFormat.Json(double.NaN));
    }
}
