using System.Text.Json;
using Corral.Core.Store;

namespace Corral.Core.Registry;

/// <summary>
/// One ranged part of a blob download, persisted as <c>sha256-&lt;hex&gt;-partial-&lt;n&gt;</c> JSON beside the sparse
/// <c>-partial</c> data file. <see cref="Completed"/> only ever counts bytes already written to the data file, so a
/// crash leaves a state that under-counts, never over-counts.
/// </summary>
public sealed class PartState
{
    /// <summary>Part number.</summary>
    public int N { get; init; }

    /// <summary>Size of the whole blob (a state from another blob size is discarded).</summary>
    public long Total { get; init; }

    /// <summary>First byte of the part in the blob.</summary>
    public long Offset { get; init; }

    /// <summary>Bytes in the part.</summary>
    public long Size { get; init; }

    /// <summary>Bytes of the part already written, from <see cref="Offset"/>.</summary>
    public long Completed { get; set; }

    /// <summary>True when every byte of the part is written.</summary>
    public bool IsDone => Completed >= Size;

    /// <summary>Writes the state atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, RegistryJsonContext.Default.PartState));

    /// <summary>Reads a state file; null when it is missing or unreadable.</summary>
    public static PartState? Load(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length < 4096
                ? JsonSerializer.Deserialize(File.ReadAllBytes(path), RegistryJsonContext.Default.PartState)
                : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
