using System.Diagnostics;
using Corral.Inference.LlamaSharp.Sampling;
using LLama.Native;

namespace Corral.Inference.LlamaSharp;

/// <summary>Runs one generation job on one sequence slot: prefix reuse, prompt processing and the token loop.</summary>
/// <remarks>Only the decode thread calls this; the batch and the log-probability buffers are reused across jobs.</remarks>
internal sealed class SequenceGenerator
{
    private readonly SafeLlamaModelHandle _model;
    private readonly SafeLLamaContextHandle _context;
    private readonly SafeLlamaModelHandle.Vocabulary _vocab;
    private readonly LLamaBatch _batch = new();
    private readonly LogprobCalculator _logprobs;
    private readonly int _contextLength;
    private readonly int _batchSize;
    private readonly bool _canTrimCache;

    public SequenceGenerator(SafeLlamaModelHandle model, SafeLLamaContextHandle context, int contextLength, int batchSize)
    {
        _model = model;
        _context = context;
        _vocab = model.Vocab;
        _logprobs = new LogprobCalculator(model);
        _contextLength = contextLength;
        _batchSize = Math.Max(1, batchSize);
        _canTrimCache = !model.IsRecurrent && model.SWACount == 0;
    }

    public void Run(GenerationJob job, SequenceSlot slot)
    {
        var request = job.Request;
        var cancel = job.Token;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var sampler = new TokenSampler(_model, request.Sampling, request.Grammar, _contextLength);
            var cached = ReusePrefix(slot, request.PromptTokens);
            sampler.AcceptPrompt(request.PromptTokens);
            var logitIndex = DecodePrompt(slot, request.PromptTokens, cached, cancel);
            var promptDone = Stopwatch.GetTimestamp();

            var output = new OutputStream(job, _model);
            var reason = GenerateTokens(slot, sampler, output, logitIndex, request, cancel);
            var finished = Stopwatch.GetTimestamp();
            output.Finish(reason, new GenerationStats
            {
                PromptTokens = request.PromptTokens.Length,
                CachedPromptTokens = cached,
                PromptDuration = Stopwatch.GetElapsedTime(started, promptDone),
                GeneratedTokens = output.Generated.Count,
                GenerationDuration = Stopwatch.GetElapsedTime(promptDone, finished),
                GeneratedTokenIds = [.. output.Generated],
            });
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Free(slot);
            job.Complete(new OperationCanceledException(cancel));
        }
        catch
        {
            Free(slot);
            throw;
        }
    }

    private DoneReason GenerateTokens(SequenceSlot slot, TokenSampler sampler, OutputStream output, int logitIndex, GenerationRequest request, CancellationToken cancel)
    {
        var position = request.PromptTokens.Length;
        if (request.MaxTokens == 0)
        {
            return DoneReason.Length;
        }

        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            var token = sampler.Sample(_context, logitIndex);
            var logprob = request.Logprobs ? _logprobs.Compute(_context.GetLogitsIth(logitIndex), token, Math.Clamp(request.TopLogprobs, 0, 20)) : null;
            if (((LLamaToken)token).IsEndOfGeneration(_vocab))
            {
                output.AddSilent(logprob);
                return DoneReason.Stop;
            }

            if (output.Add(token, logprob))
            {
                return DoneReason.Stop;
            }

            if (request.MaxTokens > 0 && output.Generated.Count >= request.MaxTokens)
            {
                return DoneReason.Length;
            }

            if (position >= _contextLength)
            {
                return DoneReason.ContextFull;
            }

            _batch.Clear();
            _batch.Add(token, position, slot.Id, true);
            var result = _context.Decode(_batch);
            if (result == DecodeResult.NoKvSlot)
            {
                return DoneReason.ContextFull;
            }

            ThrowIfFailed(result);
            slot.Tokens.Add(token);
            position++;
            logitIndex = 0;
        }
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

    /// <summary>Decodes prompt tokens from <paramref name="from"/> in batches; returns the batch index of the last token's logits.</summary>
    private int DecodePrompt(SequenceSlot slot, int[] prompt, int from, CancellationToken cancel)
    {
        for (var start = from; start < prompt.Length;)
        {
            cancel.ThrowIfCancellationRequested();
            var end = Math.Min(prompt.Length, start + _batchSize);
            _batch.Clear();
            for (var position = start; position < end; position++)
            {
                _batch.Add(prompt[position], position, slot.Id, position == prompt.Length - 1);
            }

            ThrowIfFailed(_context.Decode(_batch));
            slot.Tokens.AddRange(prompt.AsSpan(start, end - start));
            start = end;
        }

        return _batch.TokenCount - 1;
    }

    private void Free(SequenceSlot slot)
    {
        _context.MemorySequenceRemove(slot.Id, 0, -1);
        slot.Tokens.Clear();
    }

    private static void ThrowIfFailed(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode failed ({result}).");
        }
    }
}
