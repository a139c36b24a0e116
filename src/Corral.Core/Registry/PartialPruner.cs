using System.Text.RegularExpressions;

namespace Corral.Core.Registry;

/// <summary>What a prune removed.</summary>
public sealed record PruneResult(int Downloads, long Bytes);

/// <summary>
/// Removes unfinished downloads nobody resumed: <c>sha256-&lt;hex&gt;-partial</c> data files with their
/// <c>-partial-&lt;n&gt;</c> state files, and leftover upload/link temporaries, when the newest of a download's files is
/// older than the given age. A running download saves its state every second, so a fresh download (in this server
/// or another one on the same store) is never touched; a resumable one younger than the age is kept for the next pull.
/// Runs at server start unless <c>CORRAL_NOPRUNE</c>/<c>OLLAMA_NOPRUNE</c> is set. Ollama prunes at start too, but
/// after only a 1 h grace, which loses a cancelled multi-gigabyte pull overnight; Corral's default is 7 days.
/// </summary>
public static partial class PartialPruner
{
    public static PruneResult PruneStale(string blobsDirectory, TimeSpan maxAge, DateTimeOffset now)
    {
        if (!Directory.Exists(blobsDirectory))
        {
            return new PruneResult(0, 0);
        }

        var groups = new Dictionary<string, List<FileInfo>>(StringComparer.Ordinal);
        foreach (var file in new DirectoryInfo(blobsDirectory).EnumerateFiles())
        {
            var match = Unfinished().Match(file.Name);
            if (match.Success)
            {
                var key = match.Groups["key"].Value;
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                }

                list.Add(file);
            }
        }

        var (downloads, bytes) = (0, 0L);
        foreach (var files in groups.Values)
        {
            var newest = files.Max(f => f.LastWriteTimeUtc);
            if (now.UtcDateTime - newest <= maxAge)
            {
                continue;
            }

            foreach (var file in files)
            {
                try
                {
                    var length = file.Length;
                    file.Delete();
                    bytes += length;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }

            downloads++;
        }

        return new PruneResult(downloads, bytes);
    }

    /// <summary>A download's data or state file (grouped by digest), or a temporary of an upload or link (its own group).</summary>
    [GeneratedRegex(@"^(?:(?<key>sha256-[0-9a-f]{64})-partial(?:-[0-9]{1,6})?|(?<key>\.(?:upload|link)-[0-9a-f]{32}\.tmp))$", RegexOptions.CultureInvariant)]
    private static partial Regex Unfinished();
}
