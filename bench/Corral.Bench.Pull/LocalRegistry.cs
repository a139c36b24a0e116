using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Corral.Bench.Pull;

/// <summary>docker-registry (distribution 2.8) on a free loopback port, storing in a temporary folder.</summary>
internal sealed class LocalRegistry : IDisposable
{
    private readonly Process _process;

    private LocalRegistry(Process process, string root, string authority)
    {
        _process = process;
        Root = root;
        Authority = authority;
    }

    public string Root { get; }

    public string Authority { get; }

    /// <summary>CPU time the registry has used so far (user + system, from /proc).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return TimeSpan.FromSeconds((long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0);
        }
    }

    public static async Task<LocalRegistry> StartAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "corral-bench-registry-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var authority = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        var config = Path.Combine(root, "config.yml");
        await File.WriteAllTextAsync(config, $"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {root}/data\nhttp:\n  addr: {authority}\n");
        var process = Process.Start(new ProcessStartInfo("docker-registry", ["serve", config]) { RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("docker-registry did not start (apt-get install docker-registry)");
        using var http = new HttpClient();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://{authority}/v2/")).IsSuccessStatusCode)
                {
                    return new LocalRegistry(process, root, authority);
                }
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("docker-registry did not answer");
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
