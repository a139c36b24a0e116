using System.Text;

namespace Corral.Modelfile;

/// <summary>Decodes Modelfile bytes (UTF-8 default; UTF-8/UTF-16 LE/BE byte-order marks honoured) with a size cap.</summary>
internal static class ModelfileText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly UnicodeEncoding Utf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: false);
    private static readonly UnicodeEncoding Utf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: false);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        EnsureSize(bytes.Length);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Utf8.GetString(bytes[3..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Utf16Le.GetString(bytes[2..]);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Utf16Be.GetString(bytes[2..]);
        }

        return Utf8.GetString(bytes);
    }

    public static byte[] ReadBounded(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            EnsureSize(buffer.Length + read);
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static async Task<byte[]> ReadBoundedAsync(Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            EnsureSize(buffer.Length + read);
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public static void EnsureSize(long size)
    {
        if (size > ModelfileParser.MaxInputSize)
        {
            throw new ModelfileSyntaxException($"modelfile is too large (limit {ModelfileParser.MaxInputSize / (1024 * 1024)} MiB)");
        }
    }
}
