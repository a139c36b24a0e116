using System.Runtime.CompilerServices;
using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Core.Generation;

namespace Corral.Routing.Upstreams;

/// <summary>
/// Corral's own models through <see cref="InferenceService.ChatAsync"/>. Loading a model can take long and is not a
/// failure, so the first-token and connect budgets do not apply; the idle budget applies once the first chunk has
/// come. Errors: a bad request stays <see cref="FailureClass.BadRequest"/>; a busy queue is
/// <see cref="FailureClass.Overloaded"/>; a missing model and everything else is <see cref="FailureClass.LocalFailed"/>
/// (so fallback moves on).
/// </summary>
public sealed class LocalProvider(string name, Func<ChatRequest, CancellationToken, IAsyncEnumerable<ChatResponse>> chat, TimeProvider time)
    : IChatProvider
{
    public LocalProvider(string name, InferenceService inference, TimeProvider time)
        : this(name, inference.ChatAsync, time)
    {
    }

    public string Name { get; } = name;

    public bool IsLocal => true;

    public async IAsyncEnumerable<ChatResponse> StreamAsync(ChatRequest request, TargetTimeouts timeouts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var idle = timeouts.Idle ?? Timeout.InfiniteTimeSpan;
        IAsyncEnumerator<ChatResponse>? chunks = null;
        var started = false;
        try
        {
            while (true)
            {
                if (started)
                {
                    timer.CancelAfter(idle);
                }

                ChatResponse chunk;
                try
                {
                    chunks ??= chat(request with { Stream = true }, linked.Token).GetAsyncEnumerator(linked.Token);
                    if (!await chunks.MoveNextAsync())
                    {
                        yield break;
                    }

                    chunk = chunks.Current;
                }
                catch (Exception e) when (e is not UpstreamException and not RequestTimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    throw timer.IsCancellationRequested ? UpstreamErrors.IdleTimeout(Name, idle) : Classify(Name, e);
                }

                // The idle budget measures the model, not the caller: the timer rests while the caller has the chunk.
                timer.CancelAfter(Timeout.InfiniteTimeSpan);
                started = true;
                yield return chunk;
            }
        }
        finally
        {
            if (chunks is not null)
            {
                await chunks.DisposeAsync();
            }
        }
    }

    /// <summary>A local failure as the router sees it.</summary>
    internal static UpstreamException Classify(string name, Exception e) => e switch
    {
        CorralException { Kind: ErrorKind.BadRequest } => new UpstreamException(FailureClass.BadRequest, $"{name}: {e.Message}", inner: e),
        CorralException { Kind: ErrorKind.Busy } => new UpstreamException(FailureClass.Overloaded, $"{name}: {e.Message}", inner: e),
        CorralException => new UpstreamException(FailureClass.LocalFailed, $"{name}: {e.Message}", inner: e),
        _ => new UpstreamException(FailureClass.LocalFailed, $"{name}: local model failed ({e.GetType().Name})", inner: e),
    };
}
