using System.Globalization;

namespace Corral.Core.Scheduling;

/// <summary>
/// Memory this process may still use: the smaller of <c>MemAvailable</c> (<c>/proc/meminfo</c>) and the cgroup's
/// <c>memory.max - memory.current</c> (v2) when a limit is set. Null when neither can be read (not Linux).
/// </summary>
public static class SystemMemory
{
    /// <summary>Reads the available bytes now.</summary>
    public static long? Available() => Available(ReadOrNull("/proc/meminfo"), ReadOrNull("/sys/fs/cgroup/memory.max"), ReadOrNull("/sys/fs/cgroup/memory.current"));

    /// <summary>Computes the available bytes from the three files' text (null text: file absent).</summary>
    public static long? Available(string? meminfo, string? cgroupMax, string? cgroupCurrent)
    {
        long? available = null;
        if (meminfo is not null)
        {
            foreach (var line in meminfo.Split('\n'))
            {
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)
                    && long.TryParse(line["MemAvailable:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
                {
                    available = kb * 1024;
                }
            }
        }

        if (long.TryParse(cgroupMax?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && long.TryParse(cgroupCurrent?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var current))
        {
            var left = Math.Max(0, max - current);
            available = available is { } a ? Math.Min(a, left) : left;
        }

        return available;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
