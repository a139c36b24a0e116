using System.Runtime.InteropServices;
using LLama.Native;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// One llama.cpp sequence of the runner's context and the tokens whose KV cells it currently holds. An idle slot keeps
/// its cells as a prefix cache for later requests, on this slot or (copied) on another.
/// </summary>
internal sealed class SequenceSlot
{
    public SequenceSlot(int id)
    {
        Id = (LLamaSeqId)id;
    }

    public LLamaSeqId Id { get; }

    /// <summary>Tokens in the KV cache for this sequence, in position order.</summary>
    public List<int> Tokens { get; } = [];

    /// <summary>The generation decoding on this slot, or null when the slot is idle.</summary>
    public ActiveSequence? Active { get; set; }

    /// <summary>When the slot was last given to or released by a generation (a step counter; for least-recently-used choice).</summary>
    public long LastUsed { get; set; }

    /// <summary>Length of the common prefix of <see cref="Tokens"/> and <paramref name="prompt"/>.</summary>
    public int CommonPrefix(ReadOnlySpan<int> prompt) => CollectionsMarshal.AsSpan(Tokens).CommonPrefixLength(prompt);
}
