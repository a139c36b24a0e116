namespace Corral.Cli.Tests;

public sealed class CliAppTests
{
    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = new CliConsole(new StringReader(""), stdout, stderr)
        {
            GetEnvironmentVariable = name => name switch
            {
                "CORRAL_HOST" => "127.0.0.1:1",
                "CORRAL_NO_AUTOSTART" => "1",
                _ => null,
            },
        };
        var code = await CliApp.RunAsync(args, console, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Version_without_a_server_warns_and_shows_the_client_version()
    {
        var (code, output, _) = await RunAsync("--version");
        Assert.Equal(0, code);
        Assert.Contains("Warning: could not connect to a running Corral instance", output, StringComparison.Ordinal);
        Assert.Contains("Warning: client version is", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_rejects_two_section_flags_before_connecting()
    {
        var (code, _, error) = await RunAsync("show", "--license", "--modelfile", "m");
        Assert.Equal(1, code);
        Assert.Equal("Error: only one of '--license', '--modelfile', '--parameters', '--system', or '--template' can be specified\n", error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Unreachable_server_is_a_clean_error()
    {
        var (code, _, error) = await RunAsync("list");
        Assert.Equal(1, code);
        Assert.StartsWith("Error: could not connect to the Corral server at 127.0.0.1:1", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_help_lists_environment_variables()
    {
        var (code, output, _) = await RunAsync("serve", "--help");
        Assert.Equal(0, code);
        foreach (var name in new[] { "CORRAL_HOST", "OLLAMA_HOST", "CORRAL_MODELS", "CORRAL_KEEP_ALIVE", "CORRAL_CONTEXT_LENGTH", "CORRAL_MAX_LOADED_MODELS", "CORRAL_NUM_PARALLEL", "CORRAL_MAX_QUEUE", "CORRAL_LLAMA_LIBRARY", "CORRAL_LENIENT", "CORRAL_ALLOW_PRIVATE_REGISTRIES" })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }

        // The defaults shown are the ones the server applies.
        Assert.Contains("(default ~/.corral/models)", output, StringComparison.Ordinal);
        Assert.Contains("(default trained)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CORRAL_ORIGINS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bare_think_never_swallows_the_next_argument()
    {
        Assert.Equal(["run", "--think=true", "m", "hi"], CliApp.NormalizeArguments(["run", "--think", "m", "hi"]));
        Assert.Equal(["run", "--think=high", "m"], CliApp.NormalizeArguments(["run", "--think=high", "m"]));
    }

    [Fact]
    public void Run_flag_values_are_validated()
    {
        Assert.Throws<CliException>(() => Commands.RunCommand.ParseKeepAlive("soon"));
        Assert.Equal("\"5m\"", Commands.RunCommand.ParseKeepAlive("5m")!.Value.GetRawText());
        Assert.Equal("\"json\"", Commands.RunCommand.ParseFormat("json")!.Value.GetRawText());
        Assert.Equal("object", Commands.RunCommand.ParseFormat("{\"type\":\"object\"}")!.Value.GetProperty("type").GetString());
        Assert.Throws<CliException>(() => Commands.RunCommand.ParseFormat("yaml"));
        Assert.Equal("\"high\"", Commands.RunCommand.ParseThink("high").GetRawText());
        Assert.Throws<CliException>(() => Commands.RunCommand.ParseThink("very"));
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:11434/")]
    [InlineData("0.0.0.0", "http://127.0.0.1:11434/")]
    [InlineData("example.com:8080", "http://example.com:8080/")]
    [InlineData("https://example.com", "https://example.com/")]
    public void Host_resolution(string? value, string expected)
    {
        var console = new CliConsole(TextReader.Null, TextWriter.Null, TextWriter.Null)
        {
            GetEnvironmentVariable = name => name == "OLLAMA_HOST" ? value : null,
        };
        Assert.Equal(expected, new ServerDiscovery(console).BaseAddress.ToString());
    }
}
