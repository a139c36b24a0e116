using System.Diagnostics;

namespace Corral.Cli;

/// <summary>Starts <c>corral serve</c> as a detached background process with its output in a log file.</summary>
internal static class ServerLauncher
{
    /// <summary>Starts the server and returns the log file path.</summary>
    public static string Start(CliConsole console)
    {
        var home = console.Env("CORRAL_HOME")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".corral");
        var logDir = Path.Combine(home, "logs");
        Directory.CreateDirectory(logDir);
        var log = Path.Combine(logDir, "server.log");

        var (file, prefix) = ResolveExecutable();
        var startInfo = new ProcessStartInfo
        {
            FileName = OperatingSystem.IsWindows() ? file : "/bin/sh",
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
            CreateNoWindow = true,
        };

        if (OperatingSystem.IsWindows())
        {
            foreach (var arg in prefix)
            {
                startInfo.ArgumentList.Add(arg);
            }

            startInfo.ArgumentList.Add("serve");
        }
        else
        {
            // nohup + setsid-like detachment through the shell: the server outlives this CLI and its terminal.
            var command = string.Join(' ', new[] { file }.Concat(prefix).Append("serve").Select(Quote));
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add($"nohup {command} >> {Quote(log)} 2>&1 < /dev/null &");
        }

        using var process = Process.Start(startInfo) ?? throw new CliException("could not start the Corral server");
        if (!OperatingSystem.IsWindows())
        {
            process.WaitForExit(5000);
        }

        return log;
    }

    private static (string File, string[] Prefix) ResolveExecutable()
    {
        var processPath = Environment.ProcessPath ?? "";
        var name = Path.GetFileNameWithoutExtension(processPath);
        if (name.Equals("corral", StringComparison.OrdinalIgnoreCase))
        {
            return (processPath, []);
        }

        // Hosted elsewhere (tests, `dotnet corral.dll`): prefer the apphost next to this assembly.
        var dir = AppContext.BaseDirectory;
        var appHost = Path.Combine(dir, OperatingSystem.IsWindows() ? "corral.exe" : "corral");
        if (File.Exists(appHost))
        {
            return (appHost, []);
        }

        var dll = Path.Combine(dir, "corral.dll");
        return ("dotnet", [dll]);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
