using Corral.Api;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary>
/// The on-disk state of an unfinished download: <c>blobs/sha256-&lt;hex&gt;-partial</c> (sparse data) and one
/// <c>-partial-&lt;n&gt;</c> state file per part. Paths come only from a validated <see cref="Digest"/>.
/// </summary>
public sealed class PartialBlob
{
    private PartialBlob(string dataPath, IReadOnlyList<PartState> parts)
    {
        DataPath = dataPath;
        Parts = parts;
    }

    /// <summary>The sparse data file.</summary>
    public string DataPath { get; }

    /// <summary>The parts, in blob order.</summary>
    public IReadOnlyList<PartState> Parts { get; }

    /// <summary>Bytes already written across all parts.</summary>
    public long Completed => Parts.Sum(p => Math.Min(p.Completed, p.Size));

    /// <summary>State file of part <paramref name="n"/>.</summary>
    public string StatePath(int n) => $"{DataPath}-{n}";

    /// <summary>Resumes a previous download of the same blob when its state is consistent, else plans a new one.</summary>
    public static PartialBlob LoadOrPlan(BlobStore blobs, Digest digest, long total, long partSize)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var dataPath = blobs.PathFor(digest) + "-partial";
        var parts = new List<PartState>();
        for (var n = 0; PartState.Load($"{dataPath}-{n}") is { } state; n++)
        {
            parts.Add(state);
        }

        if (parts.Count > 0 && IsConsistent(parts, total) && File.Exists(dataPath) && new FileInfo(dataPath).Length == total)
        {
            return new PartialBlob(dataPath, parts);
        }

        Discard(dataPath);
        parts.Clear();
        for (long offset = 0, n = 0; offset < total; offset += partSize, n++)
        {
            parts.Add(new PartState { N = (int)n, Total = total, Offset = offset, Size = Math.Min(partSize, total - offset) });
        }

        return new PartialBlob(dataPath, parts);
    }

    /// <summary>Deletes the data file and every state file of a download.</summary>
    public static void Discard(string dataPath)
    {
        AtomicFile.TryDelete(dataPath);
        for (var n = 0; File.Exists($"{dataPath}-{n}"); n++)
        {
            AtomicFile.TryDelete($"{dataPath}-{n}");
        }
    }

    /// <summary>Saves every part's state (best effort; a failure only costs re-downloading).</summary>
    public void SaveAll()
    {
        foreach (var part in Parts)
        {
            TrySave(part);
        }
    }

    /// <summary>Saves one part's state, ignoring I/O failures.</summary>
    public void TrySave(PartState part)
    {
        ArgumentNullException.ThrowIfNull(part);
        try
        {
            part.Save(StatePath(part.N));
        }
        catch (IOException)
        {
        }
    }

    private static bool IsConsistent(List<PartState> parts, long total)
    {
        long expected = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var p = parts[i];
            if (p.N != i || p.Total != total || p.Offset != expected || p.Size <= 0 || p.Completed < 0 || p.Completed > p.Size)
            {
                return false;
            }

            expected += p.Size;
        }

        return expected == total;
    }
}
