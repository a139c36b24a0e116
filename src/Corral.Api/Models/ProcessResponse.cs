namespace Corral.Api.Models;

/// <summary>Answer of <c>GET /api/ps</c>.</summary>
public sealed record ProcessResponse
{
    public ProcessModel[] Models { get; init; } = [];
}

public sealed record ProcessModel
{
    public string Name { get; init; } = "";
    public string Model { get; init; } = "";
    public long Size { get; init; }
    public long SizeVram { get; init; }
    public string Digest { get; init; } = "";
    public ModelDetails Details { get; init; } = new();
    /// <summary>When the model will be unloaded; far in the future for "forever".</summary>
    public DateTime ExpiresAt { get; init; }
    public int ContextLength { get; init; }
    /// <summary>Corral extension: sequences the model decodes together (<c>CORRAL_NUM_PARALLEL</c>, or chosen from free
    /// memory when unset); null from a server that does not say.</summary>
    public int? Parallel { get; init; }
    /// <summary>Corral extension: why the model was last (re)loaded.</summary>
    public string? LoadReason { get; init; }
}
