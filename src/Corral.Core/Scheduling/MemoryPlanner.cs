using Corral.Core.Models;
using Corral.Inference;

namespace Corral.Core.Scheduling;

/// <summary>
/// Fits a load into free memory before llama.cpp is called: keeps the asked context and parallelism when they fit,
/// shrinks a default context (halving, not below <see cref="MinimumAutoContext"/>) and picks the number of parallel
/// sequences (up to <see cref="SchedulerOptions.MaxAutoParallel"/>) when those were not asked for, and otherwise
/// says why the load cannot fit.
/// </summary>
internal static class MemoryPlanner
{
    /// <summary>A default context is never shrunk below this.</summary>
    public const int MinimumAutoContext = 2048;

    /// <summary>The plan: the request to load, its estimate, and a refusal message when it does not fit.</summary>
    public readonly record struct Result(RunnerLoadRequest Request, MemoryEstimate? Estimate, string? Refusal);

    public static Result Plan(LoadSpec spec, MemoryShape? shape, long? free, int maxAutoParallel)
    {
        var request = spec.Runner;
        if (shape is null)
        {
            return new Result(request, null, null);
        }

        var context = request.ContextLength;
        var parallel = spec.ParallelIsDefault ? 1 : request.Parallel;
        MemoryEstimate Estimate(int c, int p) => MemoryEstimator.Estimate(shape, c, p, request.BatchSize);
        if (free is not { } available)
        {
            return new Result(request, Estimate(context, request.Parallel), null);
        }

        var estimate = Estimate(context, parallel);
        while (estimate.TotalBytes > available && spec.ContextIsDefault && context / 2 >= MinimumAutoContext)
        {
            context /= 2;
            estimate = Estimate(context, parallel);
        }

        if (estimate.TotalBytes > available)
        {
            return new Result(request, estimate, Refusal(estimate.TotalBytes, available));
        }

        if (spec.ParallelIsDefault)
        {
            for (var p = Math.Max(1, maxAutoParallel); p > 1; p--)
            {
                var candidate = Estimate(context, p);
                if (candidate.TotalBytes <= available)
                {
                    parallel = p;
                    estimate = candidate;
                    break;
                }
            }
        }

        return new Result(request with { ContextLength = context, Parallel = parallel }, estimate, null);
    }

    /// <summary>Ollama's wording, with the sizes in GiB.</summary>
    public static string Refusal(long needed, long available) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"model requires more system memory ({needed / 1073741824.0:F1} GiB) than is available ({Math.Max(0, available) / 1073741824.0:F1} GiB)");
}
