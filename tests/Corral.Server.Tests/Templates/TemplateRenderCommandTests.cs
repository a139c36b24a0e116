using Corral.Cli;

namespace Corral.Server.Tests.Templates;

/// <summary><c>corral template render</c>: offline, exact output, no trailing newline.</summary>
public sealed class TemplateRenderCommandTests
{
    private static async Task<(int Code, string Out, string Err)> Render(string template, string stdin, params string[] extra)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tmpl-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, template, TestContext.Current.CancellationToken);
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await CliApp.RunAsync(["template", "render", .. extra, file], new StringReader(stdin), stdout, stderr,
                TestContext.Current.CancellationToken);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Jinja_DetectedByContent_WithVarsAndGenerationPrompt()
    {
        var template = "{{ bos_token }}{% for m in messages %}<{{ m.role }}>{{ m.content }}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}";
        var (code, output, error) = await Render(template,
            """{"messages":[{"role":"user","content":"hi"}],"add_generation_prompt":true,"vars":{"bos_token":"<s>"}}""");
        Assert.True(code == 0, error);
        Assert.Equal("<s><user>hi<assistant>", output);

        var (_, without, _) = await Render(template, """{"messages":[{"role":"user","content":"hi"}],"add_generation_prompt":false}""");
        Assert.Equal("<user>hi", without);
    }

    [Fact]
    public async Task Go_WithSyntaxFlag()
    {
        var (code, output, error) = await Render("{{ range .Messages }}{{ .Role }}={{ .Content }};{{ end }}",
            """{"messages":[{"role":"user","content":"a"},{"role":"assistant","content":"b"}]}""", "--syntax", "go");
        Assert.True(code == 0, error);
        Assert.Equal("user=a;assistant=b;", output);
    }

    [Fact]
    public async Task SyntaxError_IsOneLineWithExitCode1()
    {
        var (code, _, error) = await Render("{% for x in %}", "{}", "--syntax", "jinja");
        Assert.Equal(1, code);
        Assert.StartsWith("Error:", error, StringComparison.Ordinal);
    }
}
