using System.Threading.Channels;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// One queued generation: the request, a small bounded channel that carries its chunks to the caller, and a
/// cancellation source linked to the caller's token (also cancelled when the caller stops reading).
/// </summary>
/// <remarks>
/// The decode thread never waits on one caller: a chunk that does not fit in the channel is held here and the job's
/// sequence sits out the following steps until the caller has read (the other sequences keep decoding).
/// </remarks>
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

    private readonly Queue<RunnerChunk> _held = new();
    private CancellationTokenRegistration _wakeOnCancel;
    private volatile bool _waitingForReader;

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

    /// <summary>Whether chunks are held back because the caller is behind.</summary>
    public bool IsBehind => _held.Count > 0;

    /// <summary>Wakes the decode loop when the job is cancelled (so a queued or stalled job is dropped at once).</summary>
    public void WakeOnCancel(Action wake) => _wakeOnCancel = Token.UnsafeRegister(static state => ((Action)state!)(), wake);

    /// <summary>Hands a chunk to the caller without waiting; held back (in order) while the caller's buffer is full.</summary>
    public void Write(RunnerChunk chunk)
    {
        if (_held.Count > 0 || !_chunks.Writer.TryWrite(chunk))
        {
            _held.Enqueue(chunk);
        }
    }

    /// <summary>
    /// Writes held chunks; returns true when none is left. Otherwise arranges for <paramref name="wake"/> to run once the
    /// caller reads or the job is cancelled.
    /// </summary>
    public bool TryFlush(Action wake)
    {
        var writer = _chunks.Writer;
        while (_held.TryPeek(out var chunk))
        {
            if (writer.TryWrite(chunk))
            {
                _held.Dequeue();
                continue;
            }

            if (_waitingForReader)
            {
                return false;
            }

            var wait = writer.WaitToWriteAsync(Token);
            if (wait.IsCompleted)
            {
                if (wait.IsCompletedSuccessfully && wait.Result)
                {
                    continue; // room appeared meanwhile
                }

                return false;
            }

            _waitingForReader = true;
            wait.AsTask().ContinueWith(
                static (_, state) =>
                {
                    var (job, wakeUp) = ((GenerationJob, Action))state!;
                    job._waitingForReader = false;
                    wakeUp();
                },
                (this, wake), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return false;
        }

        return true;
    }

    /// <summary>Ends the stream, with an error for the caller if <paramref name="error"/> is set.</summary>
    public void Complete(Exception? error = null)
    {
        _held.Clear();
        _chunks.Writer.TryComplete(error);
    }

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

    /// <summary>Called by the decode loop when it is done with the job (after every held chunk was written or the job failed).</summary>
    public void Finish()
    {
        _chunks.Writer.TryComplete();
        _wakeOnCancel.Dispose();
        _cancellation.Dispose();
    }
}
