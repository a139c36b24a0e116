namespace Corral.Core.Deadlines;

/// <summary>
/// One request's cancellation as the inference service sees it: the caller's token (the client went away) linked
/// with the request's deadline, if it has one. <see cref="Token"/> stops the work either way; <see cref="Expired"/>
/// says it was the deadline, so the caller is told why instead of the request being treated as abandoned.
/// </summary>
internal sealed class DeadlineScope : IDisposable
{
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource? _linked;

    private DeadlineScope(RequestDeadline? deadline, CancellationToken caller)
    {
        Deadline = deadline;
        _caller = caller;
        _linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(caller, deadline.Token);
        Token = _linked?.Token ?? caller;
    }

    public RequestDeadline? Deadline { get; }

    public CancellationToken Token { get; }

    /// <summary>True when the deadline, not the caller, stopped the request.</summary>
    public bool Expired => Deadline is { HasPassed: true } && !_caller.IsCancellationRequested;

    /// <summary>A scope with <see cref="RequestDeadline.Current"/>.</summary>
    public static DeadlineScope Start(CancellationToken caller) => new(RequestDeadline.Current, caller);

    /// <summary>Runs <paramref name="work"/>; a cancellation by the deadline becomes the deadline's error.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, string stage)
    {
        try
        {
            return await work(Token);
        }
        catch (OperationCanceledException) when (Expired)
        {
            throw Deadline!.Exceeded(stage);
        }
    }

    public void Dispose() => _linked?.Dispose();
}
