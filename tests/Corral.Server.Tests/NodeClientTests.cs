using Corral.Server.Tests.Conformance;
using Corral.TestKit;
using System.Diagnostics;

namespace Corral.Server.Tests;

/// <summary>Runs tests/node (the npm <c>openai</c>, <c>@anthropic-ai/sdk</c> and <c>ollama</c> clients, and through them
/// the conformance suite in Conformance/cases.json) against a real server, from the same test command.</summary>
public sealed class NodeClientTests(ConformanceFixture models) : IClassFixture<ConformanceFixture>
{
    [Fact]
    public async Task NpmClients_PassTheirSuites()
    {
        var folder = Path.Combine(Repository.Root, "tests", "node");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "ollama")))
        {
            var (installCode, installOutput) = await RunAsync("npm", "ci --no-audit --no-fund", folder, null);
            Assert.True(installCode == 0, $"npm ci failed (is Node.js installed? .ci/run installs it):\n{installOutput}");
        }

        var (code, output) = await RunAsync("node", "--test", folder, models.Inner.BaseAddress.ToString().TrimEnd('/'));
        Assert.True(code == 0, output);
        Assert.Contains("# fail 0", output, StringComparison.Ordinal);
        Assert.Contains("ok ", output, StringComparison.Ordinal);
        Assert.Contains("conformance openai-node tools", output, StringComparison.Ordinal);
        TestContext.Current.TestOutputHelper?.WriteLine(output);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string arguments, string folder, string? url)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (url is not null)
        {
            start.Environment["CORRAL_TEST_URL"] = url;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
