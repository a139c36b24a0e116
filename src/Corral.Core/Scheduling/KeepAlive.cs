namespace Corral.Core.Scheduling;

/// <summary>How long a model stays loaded once idle: a duration, zero (unload at once) or forever.</summary>
public readonly record struct KeepAlive
{
    private KeepAlive(TimeSpan? duration) => Duration = duration;

    /// <summary>The idle time before unloading; null means forever.</summary>
    public TimeSpan? Duration { get; }

    public bool IsForever => Duration is null;

    public static KeepAlive Forever => new(null);

    /// <summary>Ollama's rule: a negative duration means forever.</summary>
    public static KeepAlive For(TimeSpan duration) => duration < TimeSpan.Zero ? Forever : new(duration);

    public override string ToString() => Duration is { } d ? d.ToString() : "forever";
}
