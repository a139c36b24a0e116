using Corral.Routing.Configuration;
using static Corral.Routing.Tests.RoutesConfiguration.RoutesFileTestData;

namespace Corral.Routing.Tests.RoutesConfiguration;

public sealed class RoutesFileKeyTests
{
    private const string FileKeyed = """
        providers:
          anthropic:
            api_key_file: secrets/anthropic.key
        """;

    [Fact]
    public void KeyFromEnvironmentIsTrimmed()
    {
        var config = Parse("providers: {openai: {api_key_env: OPENAI_API_KEY}}", Environment(("OPENAI_API_KEY", "  " + OpenAIKey + "\n")));
        var key = config.Providers["openai"].ApiKey!;
        Assert.Equal(OpenAIKey, key.Reveal());
        Assert.Equal("env:OPENAI_API_KEY", key.Source);
    }

    [Fact]
    public void UnsetEnvironmentVariableIsNamed()
    {
        var errors = Errors("""
            providers:
              anthropic: {api_key_env: ANTHROPIC_API_KEY}
              openai: {api_key_env: OPENAI_API_KEY}
            """, Environment(("OPENAI_API_KEY", "   ")));
        Assert.Equal(
        [
            "routes.yaml:2:28: providers.anthropic.api_key_env: environment variable ANTHROPIC_API_KEY is not set",
            "routes.yaml:3:25: providers.openai.api_key_env: environment variable OPENAI_API_KEY is not set",
        ], errors);
    }

    [Fact]
    public void KeyFromFileIsRelativeToTheRoutesFile()
    {
        using var dir = new TempDirectory();
        dir.Write("secrets/anthropic.key", AnthropicKey + "\n");
        var key = Parse(FileKeyed, Environment(), dir.Path).Providers["anthropic"].ApiKey!;
        Assert.Equal(AnthropicKey, key.Reveal());
        Assert.Equal("file:secrets/anthropic.key", key.Source);
    }

    [Fact]
    public void LoadResolvesKeyFilesBesideTheFileNotTheWorkingDirectory()
    {
        using var dir = new TempDirectory();
        dir.Write("secrets/anthropic.key", AnthropicKey);
        var path = dir.Write("routes.yaml", FileKeyed);
        Assert.Equal(AnthropicKey, RoutesFile.Load(path, Environment()).Providers["anthropic"].ApiKey!.Reveal());
    }

    [Fact]
    public void MissingKeyFileIsNamedAsGiven()
    {
        using var dir = new TempDirectory();
        var error = Error(FileKeyed, Environment(), dir.Path);
        Assert.Equal("routes.yaml:3:19: providers.anthropic.api_key_file: key file secrets/anthropic.key does not exist", error);
        Assert.DoesNotContain(dir.Path, error, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyKeyFile()
    {
        using var dir = new TempDirectory();
        dir.Write("secrets/anthropic.key", " \n\n");
        Assert.Equal("routes.yaml:3:19: providers.anthropic.api_key_file: key file secrets/anthropic.key is empty", Error(FileKeyed, Environment(), dir.Path));
    }

    [Fact]
    public void KeyFileOver64KiB()
    {
        using var dir = new TempDirectory();
        dir.Write("secrets/anthropic.key", new string('k', (64 * 1024) + 1));
        Assert.Equal("routes.yaml:3:19: providers.anthropic.api_key_file: key file secrets/anthropic.key is larger than 64 KiB", Error(FileKeyed, Environment(), dir.Path));
    }

    [Fact]
    public void KeyFileThatIsADirectoryCannotBeRead()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(dir.Path, "secrets", "anthropic.key"));
        Assert.Equal("routes.yaml:3:19: providers.anthropic.api_key_file: key file secrets/anthropic.key is a directory", Error(FileKeyed, Environment(), dir.Path));
    }

    [Fact]
    public void KeyWithInnerWhitespaceIsRefusedWithoutShowingIt()
    {
        using var dir = new TempDirectory();
        dir.Write("secrets/anthropic.key", "sk-ant-part1\nsk-ant-part2");
        var error = Error(FileKeyed, Environment(), dir.Path);
        Assert.Equal("routes.yaml:3:19: providers.anthropic.api_key_file: key file secrets/anthropic.key: the key contains whitespace or control characters", error);
        Assert.DoesNotContain("sk-ant-part", error, StringComparison.Ordinal);

        var envError = Error("providers: {openai: {api_key_env: OPENAI_API_KEY}}", Environment(("OPENAI_API_KEY", "sk-a\r\nX-Evil: 1")));
        Assert.Equal("routes.yaml:1:35: providers.openai.api_key_env: the key in environment variable OPENAI_API_KEY contains whitespace or control characters", envError);
        Assert.DoesNotContain("X-Evil", envError, StringComparison.Ordinal);
    }

    [Fact]
    public void KeysNeverAppearInMessagesOrToString()
    {
        using var dir = new TempDirectory();
        dir.Write("secrets/anthropic.key", AnthropicKey);
        const string yaml = """
            providers:
              anthropic: {api_key_file: secrets/anthropic.key, headers: {x-trace: on}}
              openai: {api_key_env: OPENAI_API_KEY, base_url: "https://api.openai.com/v1"}
            routes:
              smart: {targets: [anthropic/claude-sonnet-4-5, openai/gpt-4o]}
            """;
        var config = Parse(yaml, Keys, dir.Path);
        var shown = string.Join('\n',
            config.ToString(),
            config.Providers["anthropic"].ToString(),
            config.Providers["openai"].ToString(),
            config.Providers["anthropic"].ApiKey!.ToString(),
            config.Providers["openai"].ApiKey!.ToString(),
            config.Routes["smart"].ToString());
        Assert.Contains("<secret from file:secrets/anthropic.key>", shown, StringComparison.Ordinal);
        Assert.Contains("<secret from env:OPENAI_API_KEY>", shown, StringComparison.Ordinal);

        // The same keys, loaded beside problems elsewhere in the file.
        var e = Assert.Throws<RoutesFileException>(() => Parse(yaml + "\n  bad: {targets: [nope/x]}\nlog: {content: x}", Keys, dir.Path));
        Assert.Equal(2, e.Errors.Count);
        foreach (var text in new[] { shown, e.Message, e.ToString(), string.Join('\n', e.Errors) })
        {
            Assert.DoesNotContain(AnthropicKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(OpenAIKey, text, StringComparison.Ordinal);
        }
    }
}
