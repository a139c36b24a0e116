using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// The runner's dedicated decode thread. Jobs queue here and run one at a time on the sequence slot whose cached
/// tokens share the longest prefix with the prompt. Every native call on the generation context happens on this
/// thread, so a later version can batch several active slots into one <c>llama_decode</c> per step without changing
/// callers.
/// </summary>
internal sealed class DecodeLoop : IDisposable
{
    private readonly Channel<GenerationJob> _queue = Channel.CreateUnbounded<GenerationJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SequenceGenerator _generator;
    private readonly SequenceSlot[] _slots;
    private readonly ILogger? _logger;
    private readonly Thread _thread;
    private volatile GenerationJob? _active;
    private volatile bool _stopping;

    public DecodeLoop(SequenceGenerator generator, int parallel, ILogger? logger)
    {
        _generator = generator;
        _logger = logger;
        _slots = Enumerable.Range(0, parallel).Select(i => new SequenceSlot(i)).ToArray();
        _thread = new Thread(Run) { IsBackground = true, Name = "corral-decode" };
        _thread.Start();
    }

    /// <exception cref="ObjectDisposedException">The runner is shutting down.</exception>
    public void Enqueue(GenerationJob job)
    {
        ObjectDisposedException.ThrowIf(_stopping || !_queue.Writer.TryWrite(job), typeof(LlamaSharpRunner));
    }

    public void Dispose()
    {
        _stopping = true;
        _queue.Writer.TryComplete();
        _active?.Cancel();
        _thread.Join();
    }

    private void Run()
    {
        var reader = _queue.Reader;
        while (true)
        {
            if (!reader.TryRead(out var job))
            {
                if (!reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                {
                    return;
                }

                continue;
            }

            _active = job;
            try
            {
                if (_stopping)
                {
                    job.Complete(new ObjectDisposedException(nameof(LlamaSharpRunner)));
                }
                else if (job.Token.IsCancellationRequested)
                {
                    job.Complete(new OperationCanceledException(job.Token));
                }
                else
                {
                    _generator.Run(job, PickSlot(job.Request.PromptTokens));
                }
            }
            catch (Exception ex)
            {
                _logger?.LogDebug(ex, "Generation failed");
                job.Complete(ex);
            }
            finally
            {
                _active = null;
                job.Finish();
            }
        }
    }

    private SequenceSlot PickSlot(int[] prompt)
    {
        var best = _slots[0];
        var bestLength = -1;
        foreach (var slot in _slots)
        {
            var length = slot.CommonPrefix(prompt);
            if (length > bestLength)
            {
                (best, bestLength) = (slot, length);
            }
        }

        return best;
    }
}
