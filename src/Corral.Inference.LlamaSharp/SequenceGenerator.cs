using System.Diagnostics;
using System.Runtime.InteropServices;
using Corral.Inference.LlamaSharp.Sampling;
using LLama.Native;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// The per-sequence half of continuous batching: starting a generation on a slot (reusing or copying cached prefix KV
/// cells), sampling a sequence's next token after a batched decode, and finishing or freeing it. <see cref="DecodeLoop"/>
/// decides which sequences share each <c>llama_decode</c>.
/// </summary>
/// <remarks>Only the decode thread calls this; the log-probability buffers are reused across sequences.</remarks>
internal sealed class SequenceGenerator
{
    private readonly SafeLlamaModelHandle _model;
    private readonly SafeLLamaContextHandle _context;
    private readonly SafeLlamaModelHandle.Vocabulary _vocab;
    private readonly LogprobCalculator _logprobs;
    private readonly int _contextLength;
    private readonly bool _canTrimCache;

    public SequenceGenerator(SafeLlamaModelHandle model, SafeLLamaContextHandle context, int contextLength, int batchSize)
    {
        _model = model;
        _context = context;
        _vocab = model.Vocab;
        _logprobs = new LogprobCalculator(model);
        _contextLength = contextLength;
        BatchSize = Math.Max(1, batchSize);
        _canTrimCache = !model.IsRecurrent && model.SWACount == 0;
    }

    public SafeLLamaContextHandle Context => _context;

    /// <summary>Whether sequences hold one KV cell per token (false for recurrent models, whose state is per sequence).</summary>
    public bool UsesCellPerToken => !_model.IsRecurrent;

    /// <summary>Most tokens one <c>llama_decode</c> takes (n_batch).</summary>
    public int BatchSize { get; }

    /// <summary>
    /// Starts <paramref name="job"/> on an idle slot. The slot is the idle one whose cached tokens share the longest
    /// prefix with the prompt (least recently used on a tie); when another slot, busy or idle, holds a longer prefix,
    /// that prefix is copied into the chosen slot (in the unified KV cache the cells are shared, not duplicated).
    /// </summary>
    public ActiveSequence Start(GenerationJob job, SequenceSlot[] slots)
    {
        var started = Stopwatch.GetTimestamp();
        var prompt = job.Request.PromptTokens;
        var (target, source, copy) = ChooseSlots(slots, prompt);
        var sampler = new TokenSampler(_model, job.Request.Sampling, job.Request.Grammar, _contextLength);
        try
        {
            var cached = Place(target, source, copy, prompt);
            sampler.AcceptPrompt(prompt);
            return new ActiveSequence(job, target, sampler, new OutputStream(job, _model), cached, started);
        }
        catch
        {
            sampler.Dispose();
            Free(target);
            throw;
        }
    }

    /// <summary>Puts a paused sequence on an idle slot, reusing cached cells of its <see cref="ActiveSequence.Feed"/>.</summary>
    public void Resume(ActiveSequence sequence, SequenceSlot[] slots)
    {
        var (target, source, copy) = ChooseSlots(slots, sequence.Feed);
        try
        {
            sequence.Slot = target;
            sequence.Processed = Place(target, source, copy, sequence.Feed);
        }
        catch
        {
            Free(target);
            throw;
        }
    }

    /// <summary>KV cells <paramref name="feed"/> would need beyond the longest prefix some slot already holds.</summary>
    public int Uncached(ReadOnlySpan<int> feed, SequenceSlot[] slots)
    {
        var best = 0;
        if (_canTrimCache)
        {
            foreach (var slot in slots)
            {
                best = Math.Max(best, slot.CommonPrefix(feed));
            }
        }

        return feed.Length - Math.Min(best, Math.Max(0, feed.Length - 1));
    }

    /// <summary>
    /// KV cells the busy slots hold, counting a prefix shared by several slots once (a copied prefix shares its cells
    /// in the unified cache). An estimate: equal prefixes decoded separately are counted once too, and llama.cpp has
    /// the last word when a batch does not fit.
    /// </summary>
    public static int BusyCells(SequenceSlot[] slots)
    {
        var cells = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            if (slot.Active is null)
            {
                continue;
            }

            var shared = 0;
            for (var j = 0; j < i; j++)
            {
                if (slots[j].Active is not null)
                {
                    shared = Math.Max(shared, slot.CommonPrefix(CollectionsMarshal.AsSpan(slots[j].Tokens)));
                }
            }

            cells += slot.Tokens.Count - shared;
        }

        return cells;
    }

    private int Place(SequenceSlot target, SequenceSlot? source, int copy, int[] feed) =>
        source is null ? ReusePrefix(target, feed) : CopyPrefix(source, target, feed, copy);

    /// <summary>
    /// Samples the sequence's next token from the logits of the step just decoded. Returns why generation ended, or
    /// null when the token is to be decoded in the next step (<see cref="ActiveSequence.NextToken"/>).
    /// </summary>
    public DoneReason? Next(ActiveSequence sequence)
    {
        var request = sequence.Job.Request;
        if (request.MaxTokens == 0)
        {
            return DoneReason.Length;
        }

        var token = sequence.Sampler.Sample(_context, sequence.LogitIndex);
        var logprob = request.Logprobs ? _logprobs.Compute(_context.GetLogitsIth(sequence.LogitIndex), token, Math.Clamp(request.TopLogprobs, 0, 20)) : null;
        if (((LLamaToken)token).IsEndOfGeneration(_vocab))
        {
            sequence.Output.AddSilent(logprob);
            return DoneReason.Stop;
        }

        if (sequence.Output.Add(token, logprob))
        {
            return DoneReason.Stop;
        }

        if (request.MaxTokens > 0 && sequence.Output.Generated.Count >= request.MaxTokens)
        {
            return DoneReason.Length;
        }

        if (sequence.Position >= _contextLength)
        {
            return DoneReason.ContextFull;
        }

        sequence.NextToken = token;
        return null;
    }

    /// <summary>Removes every KV cell of the slot's sequence.</summary>
    public void Free(SequenceSlot slot)
    {
        _context.MemorySequenceRemove(slot.Id, 0, -1);
        slot.Tokens.Clear();
    }

    /// <summary>Removes the slot's KV cells past the tokens it has recorded (after a failed decode).</summary>
    public void TrimToRecorded(SequenceSlot slot) => _context.MemorySequenceRemove(slot.Id, slot.Tokens.Count, -1);

    private (SequenceSlot Target, SequenceSlot? Source, int Copy) ChooseSlots(SequenceSlot[] slots, int[] prompt)
    {
        SequenceSlot? target = null;
        var own = -1;
        foreach (var slot in slots)
        {
            if (slot.Active is not null)
            {
                continue;
            }

            var length = _canTrimCache ? slot.CommonPrefix(prompt) : 0;
            if (length > own || (length == own && slot.LastUsed < target!.LastUsed))
            {
                (target, own) = (slot, length);
            }
        }

        if (target is null)
        {
            throw new InvalidOperationException("No idle sequence slot.");
        }

        if (!_canTrimCache)
        {
            return (target, null, 0);
        }

        // The last prompt token is always decoded again (its logits are needed), so at most Length - 1 is reused.
        var limit = prompt.Length - 1;
        SequenceSlot? source = null;
        var best = Math.Min(own, limit);
        foreach (var slot in slots)
        {
            if (slot == target)
            {
                continue;
            }

            var length = Math.Min(slot.CommonPrefix(prompt), limit);
            if (length > best)
            {
                (source, best) = (slot, length);
            }
        }

        return (target, source, best);
    }

    /// <summary>Keeps the KV cells of the longest common prefix with the previous request on this slot.</summary>
    private int ReusePrefix(SequenceSlot slot, int[] prompt)
    {
        var keep = _canTrimCache ? slot.CommonPrefix(prompt) : 0;
        if (keep == prompt.Length)
        {
            keep--; // the last prompt token must be decoded again to get its logits
        }

        if (keep < slot.Tokens.Count)
        {
            _context.MemorySequenceRemove(slot.Id, keep, -1);
            slot.Tokens.RemoveRange(keep, slot.Tokens.Count - keep);
            if (keep > 0 && _context.MemorySequenceMaxPosition(slot.Id).Value != keep - 1)
            {
                Free(slot);
                keep = 0;
            }
        }

        return keep;
    }

    /// <summary>Replaces the slot's cache with the first <paramref name="length"/> cells of <paramref name="source"/>'s.</summary>
    private int CopyPrefix(SequenceSlot source, SequenceSlot target, int[] prompt, int length)
    {
        Free(target);
        _context.MemorySequenceCopy(source.Id, target.Id, 0, length);
        if (_context.MemorySequenceMaxPosition(target.Id).Value != length - 1)
        {
            Free(target);
            return 0;
        }

        target.Tokens.AddRange(prompt.AsSpan(0, length));
        return length;
    }
}
