using Corral.Cli;
using Corral.TestKit;

namespace Corral.Server.Tests.Cli;

/// <summary>The corral CLI, in process, against a real server: what a new user types.</summary>
public sealed class CliEndToEndTests : IAsyncLifetime
{
    private readonly ServerFixture _server = new();
    private readonly string _work = Directory.CreateTempSubdirectory("corral-cli-").FullName;

    public ValueTask InitializeAsync() => _server.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private Task<(int Code, string Out, string Err)> Corral(string input, bool terminal, params string[] args) =>
        CliHarness.RunAsync(_server.BaseAddress, args, input, terminal);

    private Task<(int Code, string Out, string Err)> Corral(params string[] args) => Corral("", false, args);

    [Fact]
    public async Task CreateFromModelfile_Run_List_Show_Ps_Stop_Cp_Rm()
    {
        var modelfile = Path.Combine(_work, "Modelfile");
        await File.WriteAllTextAsync(modelfile, $"""
            FROM {TestModels.Stories260K}
            PARAMETER temperature 0
            PARAMETER num_predict 16
            SYSTEM You tell stories.
            """, TestContext.Current.CancellationToken);

        var create = await Corral("create", "stories", "-f", modelfile);
        Assert.True(create.Code == 0, create.Err);
        Assert.Contains("success", create.Out + create.Err, StringComparison.Ordinal);

        var run = await Corral("run", "stories", "Once upon a time");
        Assert.True(run.Code == 0, run.Err);
        Assert.True(run.Out.Trim().Length > 10, $"story was: '{run.Out}'");

        var piped = await Corral("There was a cat", false, "run", "stories");
        Assert.True(piped.Code == 0, piped.Err);
        Assert.Equal(run.Out.Length > 0, piped.Out.Trim().Length > 0);

        var list = await Corral("list");
        Assert.Contains("stories:latest", list.Out, StringComparison.Ordinal);
        Assert.StartsWith("NAME", list.Out, StringComparison.Ordinal);

        var show = await Corral("show", "stories");
        Assert.True(show.Code == 0, show.Err);
        Assert.Contains("llama", show.Out, StringComparison.Ordinal);
        Assert.Contains("You tell stories.", show.Out, StringComparison.Ordinal);

        var ps = await Corral("ps");
        Assert.Contains("stories:latest", ps.Out, StringComparison.Ordinal);
        Assert.Contains("100% CPU", ps.Out, StringComparison.Ordinal);

        var stop = await Corral("stop", "stories");
        Assert.True(stop.Code == 0, stop.Err);
        Assert.DoesNotContain("stories:latest", (await Corral("ps")).Out, StringComparison.Ordinal);

        var cp = await Corral("cp", "stories", "tales");
        Assert.Contains("copied 'stories' to 'tales'", cp.Out, StringComparison.Ordinal);

        var rm = await Corral("rm", "stories");
        Assert.Contains("deleted 'stories'", rm.Out, StringComparison.Ordinal);
        var after = await Corral("list");
        Assert.DoesNotContain("stories:latest", after.Out, StringComparison.Ordinal);
        Assert.Contains("tales:latest", after.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowModelfile_RoundTripsThroughCreate()
    {
        await _server.CreateFromFileAsync("base", TestModels.Stories260K,
            """, "system":"Two\nlines", "parameters":{"top_k":7,"stop":["THE END"]}, "messages":[{"role":"user","content":"Hi \"you\""}] """);
        var shown = await Corral("show", "base", "--modelfile");
        Assert.True(shown.Code == 0, shown.Err);
        var file = Path.Combine(_work, "Roundtrip");
        await File.WriteAllTextAsync(file, shown.Out, TestContext.Current.CancellationToken);

        var create = await Corral("create", "again", "-f", file);
        Assert.True(create.Code == 0, create.Err);
        var again = await Corral("show", "again", "--modelfile");
        Assert.Equal(shown.Out.Replace("base:latest", "X", StringComparison.Ordinal), again.Out.Replace("again:latest", "X", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repl_StreamsAnswers_AndHandlesSlashCommands()
    {
        await _server.CreateFromFileAsync("stories", TestModels.Stories260K);
        var input = string.Join('\n',
            "/set parameter num_predict 8",
            "/set parameter temperature 0",
            "/set system Be brief.",
            "Once upon a time",
            "\"\"\"",
            "There was",
            "a dog",
            "\"\"\"",
            "/show system",
            "/unknown",
            "/clear",
            "/bye") + "\n";
        var result = await Corral(input, true, "run", "stories");
        Assert.True(result.Code == 0, result.Err);
        Assert.Contains("Set parameter 'num_predict' to '8'", result.Out, StringComparison.Ordinal);
        Assert.Contains("Be brief.", result.Out, StringComparison.Ordinal);
        Assert.Contains("Unknown command '/unknown'", result.Out + result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_AreOneLine_WithExitCode1()
    {
        var missing = await Corral("show", "nope");
        Assert.Equal(1, missing.Code);
        Assert.Equal("Error: model 'nope' not found", missing.Err.Trim());

        var badFile = await Corral("create", "x", "-f", Path.Combine(_work, "missing-Modelfile"));
        Assert.Equal(1, badFile.Code);
        Assert.StartsWith("Error:", badFile.Err, StringComparison.Ordinal);

        var syntax = Path.Combine(_work, "Bad");
        await File.WriteAllTextAsync(syntax, "FROM x\nPARAMETER\n", TestContext.Current.CancellationToken);
        var parse = await Corral("create", "x", "-f", syntax);
        Assert.Equal(1, parse.Code);
        Assert.Contains("line 2", parse.Err, StringComparison.Ordinal);
    }
}
