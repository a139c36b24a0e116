using System.Threading.Channels;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// One queued generation: the request, a small bounded channel that carries its chunks to the caller, and a
/// cancellation source linked to the caller's token (also cancelled when the caller stops reading).
/// </summary>
internal sealed class GenerationJob
{
    private const int ChunkBuffer = 16;

    private readonly CancellationTokenSource _cancellation;
    private readonly Channel<RunnerChunk> _chunks = Channel.CreateBounded<RunnerChunk>(new BoundedChannelOptions(ChunkBuffer)
    {
        SingleReader = true,
        SingleWriter = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public GenerationJob(GenerationRequest request, CancellationToken callerToken)
    {
        Request = request;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        Token = _cancellation.Token;
    }

    public GenerationRequest Request { get; }

    /// <summary>Cancelled by the caller, by the caller abandoning the stream, or by the runner shutting down.</summary>
    public CancellationToken Token { get; }

    public ChannelReader<RunnerChunk> Reader => _chunks.Reader;

    /// <summary>Hands a chunk to the caller, waiting (on the decode thread) while the caller is behind.</summary>
    /// <exception cref="OperationCanceledException">The job was cancelled while waiting.</exception>
    public void Write(RunnerChunk chunk)
    {
        var writer = _chunks.Writer;
        while (!writer.TryWrite(chunk))
        {
            var wait = writer.WaitToWriteAsync(Token);
            var writable = wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
            if (!writable)
            {
                throw new OperationCanceledException(Token);
            }
        }
    }

    /// <summary>Ends the stream, with an error for the caller if <paramref name="error"/> is set.</summary>
    public void Complete(Exception? error = null) => _chunks.Writer.TryComplete(error);

    public void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    /// <summary>Called by the decode loop when it is done with the job.</summary>
    public void Finish()
    {
        _chunks.Writer.TryComplete();
        _cancellation.Dispose();
    }
}
