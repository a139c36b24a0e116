using Corral.Inference;

namespace Corral.Core.Generation;

/// <summary>Every runtime option with Ollama's name (in comments) and default. Load-time options decide placement.</summary>
public sealed record ModelOptions
{
    // Load time ("runner") options: changing them needs a reload.
    /// <summary><c>num_ctx</c>; null means the server default (model's trained context capped by CORRAL_CONTEXT_LENGTH).</summary>
    public int? NumCtx { get; init; }
    /// <summary><c>num_batch</c>.</summary>
    public int NumBatch { get; init; } = 512;
    /// <summary><c>num_gpu</c>: layers to offload, -1 = automatic.</summary>
    public int NumGpu { get; init; } = -1;
    /// <summary><c>main_gpu</c>.</summary>
    public int? MainGpu { get; init; }
    /// <summary><c>use_mmap</c>.</summary>
    public bool? UseMmap { get; init; }
    /// <summary><c>num_thread</c>: 0 = physical cores.</summary>
    public int NumThread { get; init; }

    // Per request options.
    /// <summary><c>num_predict</c>: -1 = until a stop condition (bounded by the context).</summary>
    public int NumPredict { get; init; } = -1;
    /// <summary><c>num_keep</c>: prompt tokens kept at the start when a prompt is truncated.</summary>
    public int NumKeep { get; init; } = 4;
    public long Seed { get; init; } = -1;
    public float Temperature { get; init; } = 0.8f;
    public int TopK { get; init; } = 40;
    public float TopP { get; init; } = 0.9f;
    public float MinP { get; init; }
    public float TypicalP { get; init; } = 1.0f;
    public int RepeatLastN { get; init; } = 64;
    public float RepeatPenalty { get; init; } = 1.0f;
    public float PresencePenalty { get; init; }
    public float FrequencyPenalty { get; init; }
    public IReadOnlyList<string> Stop { get; init; } = [];
    /// <summary><c>draft_num_predict</c>: accepted for compatibility; there is no draft model support yet, so values above 0 are refused.</summary>
    public int DraftNumPredict { get; init; }

    public SamplingOptions ToSampling() => new()
    {
        Temperature = Temperature,
        TopK = TopK,
        TopP = TopP,
        MinP = MinP,
        TypicalP = TypicalP,
        RepeatLastN = RepeatLastN,
        RepeatPenalty = RepeatPenalty,
        PresencePenalty = PresencePenalty,
        FrequencyPenalty = FrequencyPenalty,
        Seed = Seed,
    };
}
