using System.Buffers;
using System.Net;

namespace Corral.Core.Registry;

/// <summary>An HTTP body made of one range of a file, counting bytes as they are sent.</summary>
internal sealed class FileSliceContent(string path, long offset, long length, Action<long> sent) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            for (long done = 0; done < length; )
            {
                var read = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - done)), offset + done, cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("blob file is shorter than its manifest says");
                }

                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                done += read;
                sent(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return true;
    }
}
