using System.Runtime.CompilerServices;
using System.Text;
using Corral.Core.Deadlines;
using Corral.Core.Scheduling;
using Corral.Inference;

namespace Corral.Core.Generation;

public sealed partial class InferenceService
{
    /// <summary>Acquires a runner; the deadline passing while queued or loading fails the request (it leaves the
    /// queue; a load in progress goes on for the others waiting for it).</summary>
    private Task<RunnerLease> AcquireAsync(LoadSpec spec, KeepAlive? keepAlive, DeadlineScope scope) =>
        scope.RunAsync(token => _scheduler.AcquireAsync(spec, keepAlive, token), $"waiting for model '{spec.DisplayName}'");

    /// <summary>
    /// The runner's output within the request's deadline. Before the first chunk (waiting for a sequence, prompt
    /// processing) the deadline fails the request with a <see cref="Errors.RequestTimeoutException"/>; after it, the
    /// runner stops at the next token and the output ends with a final chunk whose reason is
    /// <see cref="DoneReason.Deadline"/>. Its statistics are counted here, as the runner gave none; the generated token
    /// ids are the output text tokenized again.
    /// </summary>
    /// <remarks>The request keeps its place in the queue until the runner's first chunk (a request waiting for a free
    /// sequence is still queued).</remarks>
    private async IAsyncEnumerable<RunnerChunk> GenerateWithinAsync(RunnerLease lease, GenerationRequest generation, DeadlineScope scope, string model)
    {
        var runner = lease.Runner;
        var started = _time.GetTimestamp();
        long firstAt = 0;
        var chunks = 0;
        var tokens = 0;
        var text = new StringBuilder();
        var enumerator = runner.GenerateAsync(generation, scope.Token).GetAsyncEnumerator(scope.Token);
        try
        {
            while (true)
            {
                RunnerChunk? chunk;
                try
                {
                    chunk = await enumerator.MoveNextAsync() ? enumerator.Current : null;
                    if (chunk is null)
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException) when (scope.Expired)
                {
                    if (chunks == 0)
                    {
                        throw scope.Deadline!.Exceeded("before the first token (waiting for a free sequence or processing the prompt)");
                    }

                    chunk = null;
                }

                if (chunk is null)
                {
                    scope.Deadline!.MarkCutShort();
                    Log.DeadlineStopped(_logger, model, tokens, scope.Deadline!.Timeout.TotalSeconds);
                    yield return new RunnerChunk
                    {
                        Done = true,
                        DoneReason = DoneReason.Deadline,
                        Stats = new GenerationStats
                        {
                            PromptTokens = generation.PromptTokens.Length,
                            PromptDuration = _time.GetElapsedTime(started, firstAt),
                            GeneratedTokens = tokens,
                            GenerationDuration = _time.GetElapsedTime(firstAt),
                            GeneratedTokenIds = text.Length > 0 ? runner.Tokenize(text.ToString(), addSpecial: false, parseSpecial: false) : [],
                        },
                    };
                    yield break;
                }

                if (chunks++ == 0)
                {
                    firstAt = _time.GetTimestamp();
                    lease.LeaveQueue();
                }

                tokens += chunk.TokenCount;
                text.Append(chunk.Text);
                yield return chunk;
                if (chunk.Done)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await enumerator.DisposeAsync();
        }
    }
}
