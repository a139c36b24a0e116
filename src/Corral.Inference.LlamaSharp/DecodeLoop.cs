using System.Collections.Concurrent;
using System.Diagnostics;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// The runner's dedicated decode thread, doing continuous batching over the context's <c>Parallel</c> sequence slots.
/// Each step is one <c>llama_decode</c> of a reused batch holding the next token of every generating sequence plus
/// prompt chunks of newly admitted ones, up to n_batch tokens in all, so a long prompt is processed in chunks between
/// generation steps instead of stalling them. Requests join between steps; beyond <c>Parallel</c> they wait in FIFO
/// order (a cancelled waiter is dropped). A finished sequence leaves at once; its slot keeps its KV cells as a prefix
/// cache. All sequences share one KV pool; admission and pausing by its free cells are in DecodeLoop.Room.cs.
/// Every native call on the generation context happens on this thread (llama.cpp's CPU backend uses OpenMP,
/// whose thread team belongs to the calling thread).
/// </summary>
internal sealed partial class DecodeLoop : IDisposable
{
    private readonly ConcurrentQueue<GenerationJob> _incoming = new();
    private readonly LinkedList<GenerationJob> _waiting = new();
    private readonly List<ActiveSequence> _paused = [];
    private readonly List<ActiveSequence> _active = [];
    private readonly List<ActiveSequence> _stepped = [];
    private readonly List<ActiveSequence> _alone = [];
    private readonly List<GenerationJob> _draining = [];
    private readonly ManualResetEventSlim _wake = new(false, 0);
    private readonly Action _wakeUp;
    private readonly Lock _gate = new();
    private readonly SequenceGenerator _generator;
    private readonly SafeLLamaContextHandle _context;
    private readonly LLamaBatch _batch = new();
    private readonly SequenceSlot[] _slots;
    private readonly ILogger? _logger;
    private readonly Thread _thread;
    private readonly int _poolCells;
    private readonly StepCosts _costs;
    private long _clock;
    private long _admissions;
    private bool _roomFreed = true;
    private volatile bool _stopping;

    public DecodeLoop(SequenceGenerator generator, int parallel, ILogger? logger)
    {
        _generator = generator;
        _context = generator.Context;
        _logger = logger;
        _wakeUp = _wake.Set;
        _slots = Enumerable.Range(0, parallel).Select(i => new SequenceSlot(i)).ToArray();
        _poolCells = (int)Math.Min(int.MaxValue, _context.ContextSize);
        _costs = new StepCosts(parallel);
        _thread = new Thread(Run) { IsBackground = true, Name = "corral-decode" };
        _thread.Start();
    }

    /// <exception cref="ObjectDisposedException">The runner is shutting down.</exception>
    public void Enqueue(GenerationJob job)
    {
        job.WakeOnCancel(_wakeUp); // a waiting or stalled job that is cancelled leaves at once
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping, typeof(LlamaSharpRunner));
            _incoming.Enqueue(job);
        }

        _wake.Set();
    }

    /// <summary>Forces generation steps to decode sequences together (false) or one at a time (true); null measures.</summary>
    internal bool? SplitOverride
    {
        get => _costs.Override;
        set => _costs.Override = value; // set before requests run: the decode thread reads it unsynchronized
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
        }

        _wake.Set();
        _thread.Join(); // _wake is not disposed: late cancellation callbacks may still set it
    }

    private void Run()
    {
        while (!_stopping)
        {
            _wake.Reset();
            try
            {
                Intake();
                DropCancelled();
                FlushDraining();
                Admit();
                if (Step())
                {
                    continue;
                }
            }
            catch (Exception ex)
            {
                // A native failure outside one sequence's handling: fail everything in flight rather than hang callers.
                _logger?.LogError(ex, "The decode loop failed");
                FailAll(ex);
            }

            if (_incoming.IsEmpty && !_stopping)
            {
                _wake.Wait();
            }
        }

        Shutdown();
    }

    /// <summary>Moves newly queued jobs to the FIFO wait list and drops waiters that were cancelled.</summary>
    private void Intake()
    {
        while (_incoming.TryDequeue(out var job))
        {
            _waiting.AddLast(job);
        }

        for (var node = _waiting.First; node is not null;)
        {
            var next = node.Next;
            if (node.Value.Token.IsCancellationRequested)
            {
                _waiting.Remove(node);
                End(node.Value, new OperationCanceledException(node.Value.Token));
            }

            node = next;
        }
    }

    /// <summary>Ends cancelled sequences and frees their KV cells (their slots are then free for waiting jobs).</summary>
    private void DropCancelled()
    {
        for (var i = _paused.Count - 1; i >= 0; i--)
        {
            var sequence = _paused[i];
            if (sequence.Job.Token.IsCancellationRequested)
            {
                _paused.RemoveAt(i);
                sequence.Dispose();
                End(sequence.Job, new OperationCanceledException(sequence.Job.Token));
            }
        }

        for (var i = _active.Count - 1; i >= 0; i--)
        {
            var sequence = _active[i];
            if (sequence.Job.Token.IsCancellationRequested)
            {
                _generator.Free(sequence.Slot);
                Leave(sequence);
                End(sequence.Job, new OperationCanceledException(sequence.Job.Token));
            }
        }
    }

    /// <summary>Finishes jobs whose last chunks were waiting for a slow reader.</summary>
    private void FlushDraining()
    {
        for (var i = _draining.Count - 1; i >= 0; i--)
        {
            var job = _draining[i];
            if (job.Token.IsCancellationRequested || job.TryFlush(_wakeUp))
            {
                _draining.RemoveAt(i);
                job.Finish();
            }
        }
    }

    /// <summary>Decodes one batch and samples every sequence that got logits; false when nothing could run.</summary>
    private bool Step()
    {
        _batch.Clear();
        _stepped.Clear();

        // The next token of every generating sequence whose reader keeps up...
        foreach (var sequence in _active)
        {
            if (sequence.Prompting || (sequence.Job.IsBehind && !sequence.Job.TryFlush(_wakeUp)))
            {
                continue;
            }

            sequence.LogitIndex = _batch.TokenCount;
            _batch.Add(sequence.NextToken, sequence.Position, sequence.Slot.Id, true);
            _stepped.Add(sequence);
        }

        var generating = _stepped.Count;

        // ...then prompt chunks, oldest request first, in what is left of the batch.
        var budget = _generator.BatchSize - _batch.TokenCount;
        foreach (var sequence in _active)
        {
            if (!sequence.Prompting || budget <= 0)
            {
                continue;
            }

            var feed = sequence.Feed;
            var logitsAt = sequence.Resuming ? -1 : feed.Length - 1;
            var end = Math.Min(feed.Length, sequence.Processed + budget);
            for (var position = sequence.Processed; position < end; position++)
            {
                _batch.Add(feed[position], position, sequence.Slot.Id, position == logitsAt);
            }

            sequence.ChunkEnd = end;
            sequence.LogitIndex = _batch.TokenCount - 1;
            budget -= end - sequence.Processed;
            _stepped.Add(sequence);
        }

        if (_stepped.Count == 0)
        {
            return false;
        }

        var generationOnly = generating == _stepped.Count;
        if (generationOnly && generating >= 2 && _costs.Split(generating))
        {
            StepEachAlone();
            return true;
        }

        if (Decode(generationOnly ? generating : 0))
        {
            Commit();
        }

        return true;
    }

    /// <summary>
    /// Decodes the batch; on success true, after timing it when it holds only <paramref name="timedTokens"/> generation
    /// tokens. Otherwise the failure is handled (idle caches evicted and retried, the newest sequence paused, or the
    /// stepped sequences ended) and false is returned.
    /// </summary>
    private bool Decode(int timedTokens)
    {
        var started = Stopwatch.GetTimestamp();
        var result = _context.Decode(_batch);
        if (result == DecodeResult.NoKvSlot && EvictIdleSlots())
        {
            timedTokens = 0;
            result = _context.Decode(_batch);
        }

        if (result == DecodeResult.NoKvSlot && PauseNewest())
        {
            return false; // the next step is built without it
        }

        if (result != DecodeResult.Ok)
        {
            DecodeFailed(result);
            return false;
        }

        if (timedTokens > 0)
        {
            _costs.Record(timedTokens, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        return true;
    }

    /// <summary>
    /// The generation step of the stepped sequences, one <c>llama_decode</c> each (see <see cref="StepCosts"/>); each
    /// sequence samples before the next decode replaces the logits. After a failure the rest wait for the next step.
    /// </summary>
    private void StepEachAlone()
    {
        _alone.Clear();
        _alone.AddRange(_stepped);
        foreach (var sequence in _alone)
        {
            if (sequence.Slot.Active != sequence)
            {
                continue; // paused or ended by an earlier decode of this step
            }

            _batch.Clear();
            _stepped.Clear();
            sequence.LogitIndex = 0;
            _batch.Add(sequence.NextToken, sequence.Position, sequence.Slot.Id, true);
            _stepped.Add(sequence);
            if (!Decode(1))
            {
                return;
            }

            Commit();
        }
    }

    /// <summary>Records what the stepped sequences decoded and samples those that got logits.</summary>
    private void Commit()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var sequence in _stepped)
        {
            var slot = sequence.Slot;
            if (sequence.Prompting)
            {
                slot.Tokens.AddRange(sequence.Feed.AsSpan(sequence.Processed, sequence.ChunkEnd - sequence.Processed));
                sequence.Processed = sequence.ChunkEnd;
                if (sequence.Prompting)
                {
                    continue;
                }

                if (sequence.Resuming)
                {
                    sequence.Resumed(); // its next token was sampled before the pause: the next step decodes it
                    continue;
                }

                sequence.PromptDone = now;
            }
            else
            {
                slot.Tokens.Add(sequence.NextToken);
                sequence.Position++;
                sequence.NextToken = -1;
            }

            Advance(sequence);
        }
    }

    /// <summary>Samples the sequence's next token; finishes it when generation ends.</summary>
    private void Advance(ActiveSequence sequence)
    {
        DoneReason? reason;
        try
        {
            reason = _generator.Next(sequence);
        }
        catch (Exception ex)
        {
            _logger?.LogDebug(ex, "Sampling failed");
            _generator.Free(sequence.Slot);
            Leave(sequence);
            End(sequence.Job, ex);
            return;
        }

        if (reason is { } done)
        {
            sequence.Output.Finish(done, sequence.Stats(Stopwatch.GetTimestamp()));
            Leave(sequence);
            if (sequence.Job.IsBehind)
            {
                _draining.Add(sequence.Job);
                sequence.Job.TryFlush(_wakeUp);
            }
            else
            {
                sequence.Job.Finish();
            }
        }
    }

    private void DecodeFailed(DecodeResult result)
    {
        _logger?.LogDebug("llama_decode failed ({Result}) for a batch of {Tokens} tokens", result, _batch.TokenCount);
        foreach (var sequence in _stepped)
        {
            _generator.TrimToRecorded(sequence.Slot);
            if (result == DecodeResult.NoKvSlot && !sequence.Prompting)
            {
                sequence.Output.Finish(DoneReason.ContextFull, sequence.Stats(Stopwatch.GetTimestamp()));
                Leave(sequence);
                if (sequence.Job.IsBehind)
                {
                    _draining.Add(sequence.Job);
                    sequence.Job.TryFlush(_wakeUp);
                }
                else
                {
                    sequence.Job.Finish();
                }
            }
            else
            {
                _generator.Free(sequence.Slot);
                Leave(sequence);
                End(sequence.Job, new InvalidOperationException($"llama_decode failed ({result})."));
            }
        }
    }

    /// <summary>Takes a sequence out of the batch rotation and makes its slot idle.</summary>
    private void Leave(ActiveSequence sequence)
    {
        _roomFreed = true;
        _active.Remove(sequence);
        sequence.Slot.Active = null;
        sequence.Slot.LastUsed = ++_clock;
        sequence.Dispose();
    }

    private static void End(GenerationJob job, Exception error)
    {
        job.Complete(error);
        job.Finish();
    }

    private void FailAll(Exception error)
    {
        EndPaused(error);
        foreach (var sequence in _active.ToArray())
        {
            try
            {
                _generator.Free(sequence.Slot);
            }
            catch (Exception ex)
            {
                _logger?.LogDebug(ex, "Freeing a sequence failed");
            }

            Leave(sequence);
            End(sequence.Job, error);
        }
    }

    private void EndPaused(Exception error)
    {
        foreach (var sequence in _paused)
        {
            sequence.Dispose();
            End(sequence.Job, error);
        }

        _paused.Clear();
    }

    private void Shutdown()
    {
        Intake();
        EndPaused(new OperationCanceledException("The runner was unloaded."));
        foreach (var sequence in _active.ToArray())
        {
            Leave(sequence);
            End(sequence.Job, new OperationCanceledException("The runner was unloaded."));
        }

        foreach (var job in _waiting)
        {
            End(job, new ObjectDisposedException(nameof(LlamaSharpRunner)));
        }

        _waiting.Clear();
        foreach (var job in _draining)
        {
            job.Finish();
        }

        _draining.Clear();
    }
}
