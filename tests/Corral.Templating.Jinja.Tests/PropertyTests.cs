using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Corral.Templating.Jinja.Tests;

/// <summary>Random template text never escapes the engine's own exception types.</summary>
public sealed class PropertyTests
{
    private static readonly string[] Fragments =
    [
        "{{", "}}", "{%", "%}", "{#", "#}", "-", "+", "{%-", "-%}", "{{-", "-}}", " if ", " for ", " in ", " endif ", " endfor ",
        " else ", " set ", " = ", "x", "y", "'s'", "\"q\"", "1", "2.5", "(", ")", "[", "]", "{", "}", ",", ":", ".", "|", " is ",
        " not ", " and ", " or ", "~", "*", "**", "/", "//", "%", "<", "==", "loop", "messages", "length", "tojson", "defined",
        " macro ", " endmacro ", "raw", "endraw", "namespace", "range", "\n", " ", "text", "\\", "break", "continue", "trim",
        "items()", "join", "upper", "none", "true", "raise_exception", "caller", " call ", " endcall ", " filter ", "endset",
    ];

    private static readonly Dictionary<string, object?> Context = new()
    {
        ["messages"] = new List<object?> { new Dictionary<string, object?> { ["role"] = "user", ["content"] = "hi" } },
        ["x"] = 3L,
        ["y"] = "str",
    };

    private static readonly JinjaRenderOptions Options = new() { MaxLoopIterations = 10_000, Timeout = TimeSpan.FromSeconds(1), MaxOutputChars = 100_000 };

    public static Arbitrary<string> TemplateText() =>
        Gen.Elements(Fragments).ListOf().Select(parts => string.Concat(parts)).ToArbitrary();

    [Property(MaxTest = 2000, Arbitrary = [typeof(PropertyTests)])]
    public void RandomFragmentsOnlyThrowEngineExceptions(string source) => RenderSafely(source);

    [Property(MaxTest = 1000)]
    public void RandomStringsOnlyThrowEngineExceptions(string source) => RenderSafely(source ?? string.Empty);

    private static void RenderSafely(string source)
    {
        try
        {
            JinjaTemplate.Parse(source, "random").Render(Context, Options);
        }
        catch (JinjaException)
        {
        }
    }
}
