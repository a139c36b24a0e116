namespace Corral.Core.Store;

/// <summary>The config blob of a model (Ollama's <c>ConfigV2</c>).</summary>
public sealed record ModelConfig
{
    public string ModelFormat { get; init; } = "gguf";
    public string ModelFamily { get; init; } = "";
    public IReadOnlyList<string>? ModelFamilies { get; init; }
    /// <summary>Parameter count in human form (<c>8.0B</c>).</summary>
    public string ModelType { get; init; } = "";
    /// <summary>Quantization level (<c>Q4_K_M</c>).</summary>
    public string FileType { get; init; } = "";
    public string? Renderer { get; init; }
    public string? Parser { get; init; }
    public string? Requires { get; init; }
    public IReadOnlyList<string>? Capabilities { get; init; }
    public int? ContextLength { get; init; }
    public int? EmbeddingLength { get; init; }
    public string Architecture { get; init; } = "amd64";
    public string Os { get; init; } = "linux";
    public RootFs Rootfs { get; init; } = new();
}

public sealed record RootFs
{
    public string Type { get; init; } = "layers";
    public IReadOnlyList<string> DiffIds { get; init; } = [];
}
