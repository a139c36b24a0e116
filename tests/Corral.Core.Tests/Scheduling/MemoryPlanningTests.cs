using Corral.Core.Errors;
using Corral.Core.Models;
using Corral.Core.Scheduling;
using Corral.Inference;
using Corral.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Corral.Core.Tests.Scheduling;

/// <summary>Loads are fitted into free memory before the engine is called: fake shapes, fake memory, fake runners.</summary>
public sealed class MemoryPlanningTests
{
    private const long MiB = 1024 * 1024;

    /// <summary>qwen2-0.5b's shape with a 50257-token vocabulary and ~281 MiB of weights.</summary>
    private static readonly MemoryShape Qwen = new(281 * MiB, 24, 896, 2, 64, 64, 4864, 50257, 32768);

    private readonly FakeTimeProvider _time = new();
    private readonly FakeRunnerFactory _factory = new();
    private long _available = 16L * 1024 * MiB;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ModelScheduler Scheduler(int maxLoaded = 3) => new(_factory,
        new SchedulerOptions { MaxLoadedModels = maxLoaded, AvailableMemory = () => _available, ShapeOf = _ => Qwen },
        _time, NullLogger<ModelScheduler>.Instance);

    private static LoadSpec Spec(string key, int context = 8192, int parallel = 1, bool autoContext = false, bool autoParallel = false) => new()
    {
        Key = key,
        DisplayName = key + ":latest",
        Runner = new RunnerLoadRequest { ModelPath = "/models/" + key, ContextLength = context, Parallel = parallel },
        ContextIsDefault = autoContext,
        ParallelIsDefault = autoParallel,
    };

    [Fact]
    public void Estimate_follows_llama_cpp_sizing()
    {
        var e = MemoryEstimator.Estimate(Qwen, 2048, 1);
        Assert.Equal(24L * 2048 * 2 * (64 + 64) * 2, e.KvCacheBytes); // 24 MiB, as llama.cpp logs it
        Assert.Equal(512L * (50257 + (2 * 896)) * 4, e.ComputeBytes); // 101.66 MiB, as llama.cpp logs it
        Assert.Equal(50257L * 4, e.OutputBytes);
        Assert.Equal(281 * MiB, e.WeightsBytes);

        var shared = MemoryEstimator.Estimate(Qwen, 2048, 4);
        Assert.Equal(4 * e.KvCacheBytes, shared.KvCacheBytes); // one pool of 4 x 2048 cells
    }

    [Fact]
    public void Parallel_sequences_share_one_pool_that_long_contexts_do_not_multiply()
    {
        // Short contexts: a full context per sequence, up to 8192 cells in all.
        Assert.Equal(4 * 1024, RunnerLoadRequest.PoolCells(1024, 4));
        Assert.Equal(8192, RunnerLoadRequest.PoolCells(4096, 4));

        // Long contexts: one context's worth, shared; a single request can still use all of it.
        Assert.Equal(32768, RunnerLoadRequest.PoolCells(32768, 4));
        var one = MemoryEstimator.Estimate(Qwen, 32768, 1);
        var four = MemoryEstimator.Estimate(Qwen, 32768, 4);
        Assert.Equal(one.KvCacheBytes, four.KvCacheBytes); // 384 MiB either way, not 1.5 GiB
        Assert.Equal(3 * 50257L * 4, four.OutputBytes - one.OutputBytes); // only each sequence's logits are extra
    }

    [Fact]
    public async Task A_load_that_cannot_fit_is_refused_before_the_engine_is_called()
    {
        _available = 300 * MiB;
        await using var scheduler = Scheduler();
        var error = await Assert.ThrowsAsync<CorralException>(() => scheduler.AcquireAsync(Spec("big"), null, Ct));
        Assert.StartsWith("model requires more system memory (", error.Message, StringComparison.Ordinal);
        Assert.Contains("than is available (0.3 GiB)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _factory.Loads);
    }

    [Fact]
    public async Task Default_parallelism_is_chosen_from_free_memory()
    {
        await using (var scheduler = Scheduler())
        {
            await using var lease = await scheduler.AcquireAsync(Spec("roomy", 2048, autoParallel: true), null, Ct);
            Assert.Equal(4, _factory.Runners[^1].Request.Parallel);
        }

        // Room for the weights, compute and two 2048-token sequences but not four.
        _available = MemoryEstimator.Estimate(Qwen, 2048, 2).TotalBytes + MiB;
        await using (var scheduler = Scheduler())
        {
            await using var lease = await scheduler.AcquireAsync(Spec("tight", 2048, autoParallel: true), null, Ct);
            Assert.Equal(2, _factory.Runners[^1].Request.Parallel);
        }
    }

    [Fact]
    public async Task An_asked_for_parallelism_is_kept()
    {
        await using var scheduler = Scheduler();
        await using var lease = await scheduler.AcquireAsync(Spec("m", 2048, parallel: 3), null, Ct);
        Assert.Equal(3, _factory.Runners[^1].Request.Parallel);
    }

    [Fact]
    public async Task A_default_context_shrinks_to_fit_and_is_not_reloaded_for_the_same_default()
    {
        _available = MemoryEstimator.Estimate(Qwen, 16384, 1).TotalBytes + MiB;
        await using var scheduler = Scheduler();
        await using (var lease = await scheduler.AcquireAsync(Spec("m", 32768, autoContext: true), null, Ct))
        {
            Assert.Equal(16384, _factory.Runners[^1].Request.ContextLength);
        }

        await using (var again = await scheduler.AcquireAsync(Spec("m", 32768, autoContext: true), null, Ct))
        {
            Assert.Equal(1, _factory.Loads);
        }
    }

    [Fact]
    public async Task An_asked_for_context_that_does_not_fit_is_refused_not_shrunk()
    {
        _available = MemoryEstimator.Estimate(Qwen, 16384, 1).TotalBytes + MiB;
        await using var scheduler = Scheduler();
        await Assert.ThrowsAsync<CorralException>(() => scheduler.AcquireAsync(Spec("m", 32768), null, Ct));
        Assert.Equal(0, _factory.Loads);
    }

    [Fact]
    public async Task Idle_models_are_evicted_to_make_room()
    {
        var estimate = MemoryEstimator.Estimate(Qwen, 2048, 1);
        var one = estimate.TotalBytes;
        _available = one + (one / 2);
        await using var scheduler = Scheduler();
        await using (await scheduler.AcquireAsync(Spec("a", 2048), null, Ct))
        {
        }

        _available -= estimate.ContextBytes; // "a" holds its KV and compute buffers; its mapped weights still count as available
        await using var b = await scheduler.AcquireAsync(Spec("b", 2048), null, Ct);
        var ps = await scheduler.SnapshotAsync();
        Assert.Equal(["b:latest"], ps.Select(m => m.DisplayName));
        Assert.True(_factory.Runners[0].Disposed);
    }

    [Theory]
    [InlineData("MemTotal: 1000 kB\nMemAvailable:     2048 kB\n", null, null, 2048L * 1024)]
    [InlineData("MemAvailable: 2048 kB\n", "max\n", "100\n", 2048L * 1024)]
    [InlineData("MemAvailable: 2048 kB\n", "1048576\n", "524288\n", 524288L)]
    [InlineData(null, null, null, null)]
    public void Available_memory_is_the_smaller_of_meminfo_and_the_cgroup_limit(string? meminfo, string? max, string? current, long? expected) =>
        Assert.Equal(expected, SystemMemory.Available(meminfo, max, current));
}
