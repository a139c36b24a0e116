namespace Corral.Api.Models;

/// <summary>Answer of <c>GET /api/tags</c>.</summary>
public sealed record ListResponse
{
    public ListModel[] Models { get; init; } = [];
}

public sealed record ListModel
{
    public string Name { get; init; } = "";
    public string Model { get; init; } = "";
    public DateTime ModifiedAt { get; init; }
    public long Size { get; init; }
    /// <summary>sha256 hex of the manifest file, without prefix.</summary>
    public string Digest { get; init; } = "";
    public ModelDetails Details { get; init; } = new();
    public string[]? Capabilities { get; init; }
}
