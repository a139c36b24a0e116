using System.Runtime.CompilerServices;
using Corral.Api.Models;
using Corral.Core.Deadlines;
using Corral.Core.Generation;

namespace Corral.Routing.Calls;

/// <summary>
/// A routed answer under the request's deadline, as a local answer is (<see cref="InferenceService"/>): when the
/// deadline stops a remote target before its first chunk, the request fails with the deadline's error (a 504);
/// after output began, the answer ends with a final chunk whose reason is <c>deadline</c>. A client that went away
/// stays a cancellation.
/// </summary>
internal static class DeadlineStream
{
    public static async IAsyncEnumerable<ChatResponse> Apply(
        IAsyncEnumerable<ChatResponse> chunks, RequestDeadline deadline, string stage, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = chunks.GetAsyncEnumerator(cancellationToken);
        ChatResponse? last = null;
        while (true)
        {
            bool more;
            var cut = false;
            try
            {
                more = await enumerator.MoveNextAsync();
            }
            catch (OperationCanceledException) when (deadline.HasPassed && !cancellationToken.IsCancellationRequested)
            {
                if (last is null)
                {
                    throw deadline.Exceeded(stage);
                }

                more = false;
                cut = true;
            }

            if (cut)
            {
                deadline.MarkCutShort();
                yield return new ChatResponse
                {
                    Model = last!.Model,
                    CreatedAt = time.GetUtcNow().UtcDateTime,
                    Message = new Message { Role = "assistant" },
                    Done = true,
                    DoneReason = InferenceService.DeadlineDoneReason,
                };
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            last = enumerator.Current;
            yield return last;
        }
    }
}
