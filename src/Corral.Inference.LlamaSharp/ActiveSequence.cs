using System.Diagnostics;
using Corral.Inference.LlamaSharp.Sampling;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// One generation in progress on a <see cref="SequenceSlot"/>: its own sampler, output stream (UTF-8 holding, stop
/// matching, log-probabilities) and where it stands: prompt tokens still to decode, or the sampled token that the next
/// step decodes. When the shared KV pool runs out of cells it can be paused (its cells freed) and resumed later by
/// decoding again what its cells held: <see cref="Feed"/> is then that replay rather than the prompt. Only the decode
/// thread touches it.
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
        Feed = Prompt;
        Cached = cached;
        Processed = cached;
        Position = Prompt.Length;
        Started = started;
    }

    public GenerationJob Job { get; }

    /// <summary>The slot whose KV cells the sequence uses (another one after a pause).</summary>
    public SequenceSlot Slot { get; set; }

    public TokenSampler Sampler { get; }

    public OutputStream Output { get; }

    public int[] Prompt { get; }

    /// <summary>Tokens to decode before generating: the prompt, or after a pause what the sequence's cells held.</summary>
    public int[] Feed { get; private set; }

    /// <summary>Whether <see cref="Feed"/> replays a paused generation (its last token needs no logits: the next token
    /// was sampled before the pause).</summary>
    public bool Resuming { get; private set; }

    /// <summary>Admission order, for choosing which sequence to pause (the newest).</summary>
    public long Admitted { get; set; }

    /// <summary>Prompt tokens whose KV cells were reused rather than computed.</summary>
    public int Cached { get; }

    /// <summary>Tokens of <see cref="Feed"/> in the KV cache so far.</summary>
    public int Processed { get; set; }

    /// <summary>Whether tokens of <see cref="Feed"/> remain to be decoded.</summary>
    public bool Prompting => Processed < Feed.Length;

    /// <summary>Whether the sequence has sampled a token (so a pause keeps it and replays its cells).</summary>
    public bool Generating => NextToken >= 0;

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

    /// <summary>
    /// Pauses the sequence after its slot's cells were freed: a generating sequence will decode <paramref name="held"/>
    /// (what its cells held: the prompt and the tokens generated before the pending one) and then go on with
    /// <see cref="NextToken"/>; a sequence still in its prompt starts the prompt again.
    /// </summary>
    public void Pause(int[] held)
    {
        Resuming = Generating;
        Feed = Resuming ? held : Prompt;
        Processed = 0;
        ChunkEnd = 0;
        LogitIndex = -1;
    }

    /// <summary>Ends a replay: the next step decodes <see cref="NextToken"/> again.</summary>
    public void Resumed()
    {
        Resuming = false;
        Feed = Prompt;
        Processed = Prompt.Length;
    }

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
