namespace Corral.Templating.Go.Tests;

public sealed class GoldenTests
{
    /// <summary>Cases whose Go result depends on Go-runtime limits we deliberately set lower.</summary>
    private static readonly HashSet<string> LimitCases = new() { "tmpl/infinite" };

    public static TheoryData<string, string> Semantics() => Cases("semantics.json");

    public static TheoryData<string, string> Chat() => Cases("chat.json");

    public static TheoryData<string, string> Extra() => Cases("extra.json");

    private static TheoryData<string, string> Cases(string file)
    {
        var data = new TheoryData<string, string>();
        foreach (var c in GoldenData.Load(file)) data.Add(file, c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Semantics))]
    [MemberData(nameof(Chat))]
    [MemberData(nameof(Extra))]
    public void MatchesGo(string file, string name)
    {
        var c = GoldenData.Load(file).Single(x => x.Name == name);
        var (output, error) = Run(c);
        if (c.Error != null)
        {
            Assert.True(error != null, $"Go failed with: {c.Error}\nbut Corral rendered: {output}");
            if (!LimitCases.Contains(c.Name)) Assert.Equal(c.Error, error);
        }
        else
        {
            Assert.True(error == null, $"Corral failed: {error}\nGo rendered: {c.Output}");
            Assert.Equal(c.Output, output);
        }
    }

    internal static (string? Output, string? Error) Run(GoldenCase c)
    {
        var options = new GoTemplateOptions
        {
            Clock = new FixedClock(),
            MissingKey = c.MissingKey switch { "default" => MissingKeyMode.Default, "error" => MissingKeyMode.Error, _ => MissingKeyMode.Zero },
        };
        try
        {
            var t = GoTemplate.Parse("t", c.Template, options);
            object? data = c.Mode == "chat" ? ChatModel.Build(c.Data) : GoldenData.Convert(c.Data);
            return (t.Render(data), null);
        }
        catch (GoTemplateSyntaxException ex)
        {
            return (null, ex.Message);
        }
        catch (GoTemplateRenderException ex)
        {
            return (null, ex.Message);
        }
    }
}
