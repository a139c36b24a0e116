using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Corral.Server.Tests.Registry;

/// <summary>
/// Debian's <c>docker-registry</c> (distribution 2.8) on a free loopback port with a temporary filesystem store.
/// It must be on PATH: <c>apt-get install -y docker-registry</c> (.ci/run installs it).
/// </summary>
public sealed class DockerRegistryFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "corral-registry-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Authority { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var executable = FindOnPath("docker-registry") ?? throw new InvalidOperationException(
            "docker-registry is not on PATH. The registry tests need Debian's distribution 2.8 registry: install it with " +
            "`apt-get update && apt-get install -y docker-registry` (.ci/run does this).");
        Directory.CreateDirectory(_root);
        var port = FreePort();
        Authority = $"127.0.0.1:{port}";
        var config = Path.Combine(_root, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {Path.Combine(_root, "data")}
              delete:
                enabled: true
            http:
              addr: {Authority}
            """);
        _process = Process.Start(new ProcessStartInfo(executable, ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("docker-registry did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://{Authority}/v2/")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"docker-registry exited with {_process.ExitCode}");
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("docker-registry did not answer on " + Authority);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
