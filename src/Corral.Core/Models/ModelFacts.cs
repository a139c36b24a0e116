using Corral.Api.Models;

namespace Corral.Core.Models;

/// <summary>What Corral knows about a model's weights from its GGUF header alone (no weights loaded).</summary>
public sealed record ModelFacts
{
    public string Architecture { get; init; } = "";
    public int TrainedContextLength { get; init; }
    public int EmbeddingLength { get; init; }
    public string ParameterSize { get; init; } = "";
    public string QuantizationLevel { get; init; } = "";
    public string? ChatTemplate { get; init; }
    /// <summary>The GGUF declares a pooling type: it is an embedding model.</summary>
    public bool IsEmbeddingModel { get; init; }
    public long FileSize { get; init; }

    /// <summary>Text of the BOS token (Jinja's <c>bos_token</c>); empty when the model has none.</summary>
    public string BosToken { get; init; } = "";

    /// <summary>Text of the EOS token (Jinja's <c>eos_token</c>); empty when the model has none.</summary>
    public string EosToken { get; init; } = "";

    public ModelDetails ToDetails(string parentModel = "") => new()
    {
        ParentModel = parentModel,
        Format = "gguf",
        Family = Architecture,
        Families = string.IsNullOrEmpty(Architecture) ? null : [Architecture],
        ParameterSize = ParameterSize,
        QuantizationLevel = QuantizationLevel,
    };
}
