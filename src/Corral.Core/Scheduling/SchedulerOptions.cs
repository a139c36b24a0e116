namespace Corral.Core.Scheduling;

/// <summary>Limits of the scheduler.</summary>
public sealed record SchedulerOptions
{
    /// <summary>Default keep-alive for a model whose requests never set one.</summary>
    public KeepAlive DefaultKeepAlive { get; init; } = KeepAlive.For(TimeSpan.FromMinutes(5));

    /// <summary>Models resident at once; loading one more evicts the idle model that expires first.</summary>
    public int MaxLoadedModels { get; init; } = 3;

    /// <summary>Requests that may wait for a model at once; one more is refused with 503.</summary>
    public int MaxQueue { get; init; } = 512;

    /// <summary>Most parallel sequences chosen from free memory for a spec whose parallelism is the default.</summary>
    public int MaxAutoParallel { get; init; } = 4;

    /// <summary>Bytes of memory available to new loads now (null: unknown, loads are not checked).</summary>
    public Func<long?> AvailableMemory { get; init; } = SystemMemory.Available;

    /// <summary>Reads the memory-relevant shape of a GGUF file; null when it cannot be read (the load is then not checked).</summary>
    public Func<string, Models.MemoryShape?> ShapeOf { get; init; } = ReadShape;

    private static Models.MemoryShape? ReadShape(string path)
    {
        try
        {
            return File.Exists(path) ? Models.MemoryEstimator.ShapeOf(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Gguf.GgufFormatException or OverflowException)
        {
            return null;
        }
    }
}
