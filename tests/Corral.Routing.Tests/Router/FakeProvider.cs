using System.Runtime.CompilerServices;
using Corral.Api.Models;
using Corral.Routing.Upstreams;

namespace Corral.Routing.Tests.Router;

/// <summary>A provider whose behaviour each test sets with a delegate; counts its calls.</summary>
internal sealed class FakeProvider(string name, bool isLocal = false) : IChatProvider
{
    private int _calls;

    public string Name { get; } = name;

    public bool IsLocal { get; } = isLocal;

    public int Calls => Volatile.Read(ref _calls);

    public List<ChatRequest> Requests { get; } = [];

    /// <summary>What the next calls do; default answers "ok".</summary>
    public Func<ChatRequest, CancellationToken, IAsyncEnumerable<ChatResponse>> Behaviour { get; set; } = (r, ct) => Answer(r.Model!, "ok", ct);

    public IAsyncEnumerable<ChatResponse> StreamAsync(ChatRequest request, TargetTimeouts timeouts, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (Requests)
        {
            Requests.Add(request);
        }

        return Behaviour(request, cancellationToken);
    }

    public static async IAsyncEnumerable<ChatResponse> Answer(string model, string text, [EnumeratorCancellation] CancellationToken cancellationToken,
        string? formatError = null, string? toolCallError = null)
    {
        foreach (var word in text.Split(' '))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new ChatResponse { Model = model, Message = new Message { Role = "assistant", Content = word + " " } };
        }

        yield return new ChatResponse
        {
            Model = model,
            Done = true,
            DoneReason = "stop",
            PromptEvalCount = 100,
            EvalCount = 20,
            PromptCacheCount = 10,
            FormatError = formatError,
            ToolCallError = toolCallError,
        };
    }

    public static async IAsyncEnumerable<ChatResponse> Fail(UpstreamException error)
    {
        await Task.Yield();
        if (error is not null)
        {
            throw error;
        }

        yield break;
    }

    /// <summary>Two chunks, then the stream breaks.</summary>
    public static async IAsyncEnumerable<ChatResponse> CutAfterTwo(string model)
    {
        await Task.Yield();
        yield return new ChatResponse { Model = model, Message = new Message { Role = "assistant", Content = "one " } };
        yield return new ChatResponse { Model = model, Message = new Message { Role = "assistant", Content = "two " } };
        throw new UpstreamException(FailureClass.StreamCut, "fake: connection closed mid-stream");
    }
}
