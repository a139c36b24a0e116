namespace Corral.Core.Store;

/// <summary>A Docker distribution v2 manifest, as Ollama stores one per model tag.</summary>
public sealed record Manifest
{
    public int SchemaVersion { get; init; } = 2;
    public string MediaType { get; init; } = MediaTypes.Manifest;
    public Layer Config { get; init; } = new();
    public IReadOnlyList<Layer> Layers { get; init; } = [];

    /// <summary>Every blob the manifest needs: the config and each layer.</summary>
    public IEnumerable<Layer> AllBlobs()
    {
        yield return Config;
        foreach (var layer in Layers)
        {
            yield return layer;
        }
    }
}

/// <summary>One blob of a manifest.</summary>
public sealed record Layer
{
    public string MediaType { get; init; } = "";
    public string Digest { get; init; } = "";
    public long Size { get; init; }
    /// <summary>The model this layer was first pulled from (for cross-repository mounts).</summary>
    public string? From { get; init; }
}
