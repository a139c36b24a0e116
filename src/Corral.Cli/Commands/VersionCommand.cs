namespace Corral.Cli.Commands;

/// <summary><c>corral --version</c>: the server's version, plus the client's when they differ (never starts a server).</summary>
internal static class VersionCommand
{
    public static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var output = context.Console.Out;
        string? serverVersion = null;
        try
        {
            using var client = new Corral.Api.Client.CorralClient(context.Discovery.BaseAddress);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            serverVersion = (await client.VersionAsync(timeout.Token).ConfigureAwait(false)).Version;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or Corral.Api.Client.CorralApiException or System.Text.Json.JsonException)
        {
            await output.WriteLineAsync("Warning: could not connect to a running Corral instance").ConfigureAwait(false);
        }

        if (!string.IsNullOrEmpty(serverVersion))
        {
            await output.WriteLineAsync($"corral version is {serverVersion}").ConfigureAwait(false);
        }

        if (serverVersion != CliContext.ClientVersion)
        {
            await output.WriteLineAsync($"Warning: client version is {CliContext.ClientVersion}").ConfigureAwait(false);
        }

        return 0;
    }
}
