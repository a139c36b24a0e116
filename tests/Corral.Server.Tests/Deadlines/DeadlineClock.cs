using Microsoft.Extensions.Time.Testing;

namespace Corral.Server.Tests.Deadlines;

/// <summary>A fake clock that says when a timer of a given length is created, so a test can move time on exactly
/// once a request's deadline is running (it never sleeps or polls).</summary>
internal sealed class DeadlineClock : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<(TimeSpan Due, TaskCompletionSource Created)> _watches = [];

    public DeadlineClock() : base(DateTimeOffset.Parse("2026-01-01T00:00:00Z", global::System.Globalization.CultureInfo.InvariantCulture))
    {
    }

    /// <summary>Completes when a timer due after <paramref name="due"/> is created (from now on).</summary>
    public Task TimerCreated(TimeSpan due)
    {
        var created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _watches.Add((due, created));
        }

        return created.Task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Watched(base.CreateTimer(callback, state, dueTime, period), this);
        Started(dueTime);
        return timer;
    }

    private void Started(TimeSpan dueTime)
    {
        lock (_lock)
        {
            foreach (var watch in _watches.Where(w => w.Due == dueTime).ToList())
            {
                _watches.Remove(watch);
                watch.Created.TrySetResult();
            }
        }
    }

    /// <summary>A timer set later with <see cref="ITimer.Change"/> counts as well.</summary>
    private sealed class Watched(ITimer inner, DeadlineClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Started(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
