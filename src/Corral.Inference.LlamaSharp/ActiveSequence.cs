using System.Diagnostics;
using Corral.Inference.LlamaSharp.Sampling;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// One generation in progress on a <see cref="SequenceSlot"/>: its own sampler, output stream (UTF-8 holding, stop
/// matching, log-probabilities) and where it stands: prompt tokens still to decode, or the sampled token that the next
/// step decodes. Only the decode thread touches it.
/// </summary>
internal sealed class ActiveSequence : IDisposable
{
    public ActiveSequence(GenerationJob job, SequenceSlot slot, TokenSampler sampler, OutputStream output, int cached, long started)
    {
        Job = job;
        Slot = slot;
        Sampler = sampler;
        Output = output;
        Prompt = job.Request.PromptTokens;
        Cached = cached;
        Processed = cached;
        Position = Prompt.Length;
        Started = started;
    }

    public GenerationJob Job { get; }

    public SequenceSlot Slot { get; }

    public TokenSampler Sampler { get; }

    public OutputStream Output { get; }

    public int[] Prompt { get; }

    /// <summary>Prompt tokens whose KV cells were reused rather than computed.</summary>
    public int Cached { get; }

    /// <summary>Prompt tokens in the KV cache so far.</summary>
    public int Processed { get; set; }

    /// <summary>Whether prompt tokens remain to be decoded.</summary>
    public bool Prompting => Processed < Prompt.Length;

    /// <summary>End (exclusive) of the prompt chunk in the current batch.</summary>
    public int ChunkEnd { get; set; }

    /// <summary>Position the next generated token is decoded at.</summary>
    public int Position { get; set; }

    /// <summary>The sampled token waiting to be decoded in the next step, or -1.</summary>
    public int NextToken { get; set; } = -1;

    /// <summary>Index in the current batch of the token whose logits this sequence samples from, or -1.</summary>
    public int LogitIndex { get; set; } = -1;

    public long Started { get; }

    public long PromptDone { get; set; }

    public GenerationStats Stats(long finished) => new()
    {
        PromptTokens = Prompt.Length,
        CachedPromptTokens = Cached,
        PromptDuration = Stopwatch.GetElapsedTime(Started, PromptDone == 0 ? finished : PromptDone),
        GeneratedTokens = Output.Generated.Count,
        GenerationDuration = PromptDone == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(PromptDone, finished),
        GeneratedTokenIds = [.. Output.Generated],
    };

    public void Dispose() => Sampler.Dispose();
}
