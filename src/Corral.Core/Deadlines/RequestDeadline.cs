using Corral.Core.Errors;

namespace Corral.Core.Deadlines;

/// <summary>
/// The time limit of one whole request: waiting in the queue, loading, prompt processing and generation. Its
/// <see cref="Token"/> is cancelled by the injected <see cref="TimeProvider"/> when the time is up, so a deadline can
/// be told apart from a client that went away (<see cref="HasPassed"/>). The server sets <see cref="Current"/> for
/// the request's asynchronous flow; <see cref="Generation.InferenceService"/> reads it, so local route targets of the
/// router get the same deadline without passing it through every layer.
/// </summary>
public sealed class RequestDeadline : IDisposable
{
    private static readonly AsyncLocal<RequestDeadline?> Ambient = new();
    private readonly CancellationTokenSource _timer;
    private bool _cutShort;

    public RequestDeadline(TimeSpan timeout, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(time);
        Timeout = timeout;
        _timer = new CancellationTokenSource(timeout, time);
    }

    /// <summary>The deadline of the request running on this asynchronous flow; null when it has none.</summary>
    public static RequestDeadline? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    public TimeSpan Timeout { get; }

    /// <summary>Cancelled when the deadline passes.</summary>
    public CancellationToken Token => _timer.Token;

    public bool HasPassed => _timer.IsCancellationRequested;

    /// <summary>True once an answer was cut short by this deadline after output began (it then ends with the reason
    /// <c>deadline</c>).</summary>
    public bool CutShort => Volatile.Read(ref _cutShort);

    /// <summary>Records that an answer was cut short by this deadline (its end says so).</summary>
    public void MarkCutShort() => Volatile.Write(ref _cutShort, true);

    /// <summary>The error for a request stopped before any output; <paramref name="stage"/> says where it was.</summary>
    public RequestTimeoutException Exceeded(string stage) => new(Timeout, stage);

    public void Dispose() => _timer.Dispose();
}
