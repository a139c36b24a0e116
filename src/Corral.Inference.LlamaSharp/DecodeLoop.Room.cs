using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Corral.Inference.LlamaSharp;

// Room in the KV pool.
// All sequences share one KV pool, smaller than <c>Parallel</c> full contexts once contexts are long. A waiting
// request is admitted while the pool has free cells for its prompt (prefixes cached on busy slots count once); when
// the running sequences fill the pool, the newest one is paused (its cells freed; it keeps its sampler and output) and
// resumed first once a sequence finishes, by decoding again what its cells held. Nothing fails or is cut for lack of
// room while an older sequence can still finish.
internal sealed partial class DecodeLoop
{
    /// <summary>
    /// Resumes paused sequences, then starts waiting jobs, oldest first, while a slot is idle and the pool has room.
    /// </summary>
    private void Admit()
    {
        while (_active.Count < _slots.Length)
        {
            if (_paused.Count > 0)
            {
                var sequence = _paused[0];
                if (!HasRoom(sequence.Feed))
                {
                    return;
                }

                _paused.RemoveAt(0);
                try
                {
                    _generator.Resume(sequence, _slots);
                }
                catch (Exception ex)
                {
                    _logger?.LogDebug(ex, "A paused generation could not resume");
                    sequence.Dispose();
                    End(sequence.Job, ex);
                    continue;
                }

                Enter(sequence);
                continue;
            }

            if (_waiting.First is not { } node || !HasRoom(node.Value.Request.PromptTokens))
            {
                return;
            }

            var job = node.Value;
            _waiting.RemoveFirst();
            try
            {
                var started = _generator.Start(job, _slots);
                started.Admitted = ++_admissions;
                Enter(started);
            }
            catch (Exception ex)
            {
                _logger?.LogDebug(ex, "Generation could not start");
                End(job, ex);
            }
        }
    }

    private void Enter(ActiveSequence sequence)
    {
        sequence.Slot.Active = sequence;
        sequence.Slot.LastUsed = ++_clock;
        _active.Add(sequence);
    }

    /// <summary>
    /// Whether a sequence that must decode <paramref name="feed"/> may start now: always when nothing runs (one
    /// context always fits the pool); otherwise when the pool's cells not held by running sequences cover what it does
    /// not find cached plus a little room to grow for every running sequence, and no sequence was paused for lack of
    /// room since one last finished.
    /// </summary>
    private bool HasRoom(int[] feed)
    {
        if (_active.Count == 0 || !_generator.UsesCellPerToken)
        {
            return true;
        }

        if (!_roomFreed)
        {
            return false;
        }

        var free = _poolCells - SequenceGenerator.BusyCells(_slots);
        return _generator.Uncached(feed, _slots) + (GrowthReserve * (_active.Count + 1)) <= free;
    }

    /// <summary>Cells kept free per running sequence when admitting another, so admission does not force a pause at once.</summary>
    private const int GrowthReserve = 16;

    /// <summary>
    /// When the running sequences together fill the pool: pauses the newest one (frees its cells; it resumes first when
    /// a sequence finishes). False when only one sequence runs: it has the whole pool and is simply at its end.
    /// </summary>
    private bool PauseNewest()
    {
        if (_active.Count < 2)
        {
            return false;
        }

        foreach (var stepped in _stepped)
        {
            _generator.TrimToRecorded(stepped.Slot); // nothing of a batch that found no room is kept, but be sure
        }

        var victim = _active[0];
        foreach (var sequence in _active)
        {
            if (sequence.Admitted > victim.Admitted)
            {
                victim = sequence;
            }
        }

        var slot = victim.Slot;
        int[] held = !victim.Generating ? [] : victim.Resuming ? victim.Feed : slot.Tokens.ToArray();
        _generator.Free(slot);
        _active.Remove(victim);
        slot.Active = null;
        slot.LastUsed = ++_clock;
        victim.Pause(held);
        var at = _paused.FindIndex(p => p.Admitted > victim.Admitted);
        _paused.Insert(at < 0 ? _paused.Count : at, victim);
        _roomFreed = false;
        _logger?.LogInformation(
            "The KV pool ({Cells} cells) is full: paused the newest of {Running} sequences ({Held} tokens) until another finishes",
            _poolCells, _active.Count + 1, held.Length);
        return true;
    }

    /// <summary>Drops the prefix caches of idle slots; true when any cell was freed.</summary>
    private bool EvictIdleSlots()
    {
        var freed = false;
        foreach (var slot in _slots)
        {
            if (slot.Active is null && slot.Tokens.Count > 0)
            {
                _generator.Free(slot);
                freed = true;
            }
        }

        return freed;
    }
}
