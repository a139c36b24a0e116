namespace Corral.Core.Scheduling;

/// <summary>A snapshot of a resident model for <c>/api/ps</c>.</summary>
public sealed record LoadedModelInfo(
    string DisplayName,
    string ManifestDigest,
    long SizeBytes,
    long SizeVramBytes,
    int ContextLength,
    int Parallel,
    DateTimeOffset? ExpiresAt,
    bool Forever,
    bool Busy,
    string LoadReason,
    object? Details);
