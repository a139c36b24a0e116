using Corral.Cli;

namespace Corral.Server.Tests.Cli;

/// <summary>Runs the <c>corral</c> CLI in process as a client of a test server (<c>CORRAL_HOST</c> pointing at it,
/// never starting one of its own), with captured output.</summary>
internal static class CliHarness
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(Uri server, string[] args, string input = "", bool terminal = false)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var console = new CliConsole(new StringReader(input), stdout, stderr)
        {
            InputIsTerminal = terminal,
            GetEnvironmentVariable = name => name switch
            {
                "CORRAL_HOST" => $"{server.Host}:{server.Port}",
                "CORRAL_NO_AUTOSTART" => "1",
                _ => null,
            },
        };
        var code = await CliApp.RunAsync(args, console, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
