namespace Corral.Inference.LlamaSharp;

/// <summary>Counts physical CPU cores (hyper-threads share a core and do not speed up llama.cpp's matrix work).</summary>
public static class PhysicalCores
{
    private static readonly Lazy<int> Cached = new(Detect);

    /// <summary>Physical cores available to this process, at least 1.</summary>
    public static int Count => Cached.Value;

    private static int Detect()
    {
        var logical = Math.Max(1, Environment.ProcessorCount);
        if (!OperatingSystem.IsLinux())
        {
            return logical;
        }

        try
        {
            var physical = ParseCpuInfo(File.ReadLines("/proc/cpuinfo"));
            // ProcessorCount honours affinity masks and cgroup quotas; never ask for more threads than that.
            return physical > 0 ? Math.Min(physical, logical) : logical;
        }
        catch (IOException)
        {
            return logical;
        }
        catch (UnauthorizedAccessException)
        {
            return logical;
        }
    }

    /// <summary>Counts distinct ("physical id", "core id") pairs in /proc/cpuinfo text; 0 when the fields are absent.</summary>
    internal static int ParseCpuInfo(IEnumerable<string> lines)
    {
        var cores = new HashSet<(string Package, string Core)>();
        string package = "0";
        string? core = null;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (core is not null)
                {
                    cores.Add((package, core));
                }

                package = "0";
                core = null;
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var key = line.AsSpan(0, colon).Trim();
            if (key.SequenceEqual("physical id"))
            {
                package = line[(colon + 1)..].Trim();
            }
            else if (key.SequenceEqual("core id"))
            {
                core = line[(colon + 1)..].Trim();
            }
        }

        if (core is not null)
        {
            cores.Add((package, core));
        }

        return cores.Count;
    }
}
