using System.Buffers.Binary;

namespace Corral.Inference.LlamaSharp;

/// <summary>Cheap checks of a GGUF file's header before llama.cpp sees it, so common mistakes get a clear message.</summary>
internal static class GgufPreflight
{
    private const uint Magic = 0x46554747; // "GGUF" read little-endian
    private const int HeaderBytes = 24;    // magic, version, tensor count, metadata count

    /// <exception cref="ModelLoadException">The file is missing, unreadable, not GGUF or of an unsupported version.</exception>
    public static void Check(string path)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"Model file {name} does not exist.");
        }

        Span<byte> header = stackalloc byte[HeaderBytes];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
            read = stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelLoadException($"Model file {name} could not be read: {ex.GetType().Name}.", ex);
        }

        if (read < HeaderBytes)
        {
            throw new ModelLoadException($"Model file {name} is too short to be a GGUF file ({read} bytes).");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
        {
            throw new ModelLoadException($"Model file {name} is not a GGUF file (bad magic).");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (version is < 2 or > 3)
        {
            throw new ModelLoadException(version == 1
                ? $"Model file {name} is GGUF version 1, which llama.cpp no longer supports; re-convert it."
                : $"Model file {name} has unsupported GGUF version {version}.");
        }
    }
}
