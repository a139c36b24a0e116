using Corral.Routing.Configuration;

namespace Corral.Routing.Tests.RoutesConfiguration;

internal static class RoutesFileTestData
{
    public const string AnthropicKey = "sk-ant-TEST-0123456789abcdef";
    public const string OpenAIKey = "sk-proj-TEST-fedcba9876543210";

    public static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.GetValueOrDefault(name);
    }

    public static readonly Func<string, string?> Keys = Environment(("ANTHROPIC_API_KEY", AnthropicKey), ("OPENAI_API_KEY", OpenAIKey));

    /// <summary>Providers every route test can name: anthropic and openai with keys, local implicitly.</summary>
    public const string Providers = """
        providers:
          anthropic:
            api_key_env: ANTHROPIC_API_KEY
          openai:
            api_key_env: OPENAI_API_KEY
        """;

    public static RouterConfig Parse(string yaml, Func<string, string?>? environment = null, string? baseDirectory = null) =>
        RoutesFile.Parse(yaml, "routes.yaml", baseDirectory ?? Path.GetTempPath(), environment ?? Keys);

    /// <summary>The formatted problems (<c>routes.yaml:line:col: message</c>), asserting the file was refused.</summary>
    public static IReadOnlyList<string> Errors(string yaml, Func<string, string?>? environment = null, string? baseDirectory = null)
    {
        var e = Assert.Throws<RoutesFileException>(() => Parse(yaml, environment, baseDirectory));
        Assert.Equal(string.Join('\n', e.Errors.Select(x => x.Format("routes.yaml"))), e.Message);
        return [.. e.Errors.Select(x => x.Format("routes.yaml"))];
    }

    /// <summary>Exactly one problem, formatted.</summary>
    public static string Error(string yaml, Func<string, string?>? environment = null, string? baseDirectory = null) =>
        Assert.Single(Errors(yaml, environment, baseDirectory));
}
