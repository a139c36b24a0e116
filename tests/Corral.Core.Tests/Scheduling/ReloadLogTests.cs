using Corral.Core.Scheduling;
using Corral.Inference;
using Corral.TestKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Corral.Core.Tests.Scheduling;

/// <summary>A reload is counted and logged with its reason; serving a smaller context or the same options logs nothing.</summary>
public sealed class ReloadLogTests
{
    private readonly RecordingLogger _log = new();

    private static LoadSpec Spec(int context, int threads = 0) => new()
    {
        Key = "m",
        DisplayName = "m:latest",
        Runner = new RunnerLoadRequest { ModelPath = "/models/m", ContextLength = context, Threads = threads },
    };

    [Fact]
    public async Task Each_reload_logs_its_reason_and_running_count()
    {
        var factory = new FakeRunnerFactory();
        await using var scheduler = new ModelScheduler(factory, new SchedulerOptions(), new FakeTimeProvider(), _log);
        await (await scheduler.AcquireAsync(Spec(2048), null, TestContext.Current.CancellationToken)).DisposeAsync();
        await (await scheduler.AcquireAsync(Spec(1024), null, TestContext.Current.CancellationToken)).DisposeAsync();
        Assert.DoesNotContain(_log.Lines, l => l.Contains("reloading", StringComparison.Ordinal));

        await (await scheduler.AcquireAsync(Spec(4096), null, TestContext.Current.CancellationToken)).DisposeAsync();
        await (await scheduler.AcquireAsync(Spec(4096, threads: 2), null, TestContext.Current.CancellationToken)).DisposeAsync();
        Assert.Equal(
            ["reloading m:latest: num_ctx 2048 -> 4096 (reload 1 since start)", "reloading m:latest: num_thread 0 -> 2 (reload 2 since start)"],
            _log.Lines.Where(l => l.StartsWith("reloading", StringComparison.Ordinal)));
        Assert.Equal(2, scheduler.ReloadCount);
        Assert.Equal(3, factory.Loads);
    }

    private sealed class RecordingLogger : ILogger<ModelScheduler>
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
