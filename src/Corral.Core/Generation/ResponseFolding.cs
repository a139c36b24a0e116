using System.Text;
using Corral.Api.Models;

namespace Corral.Core.Generation;

/// <summary>Folds a stream of chunks into the single answer of <c>stream:false</c>: same path, one response.</summary>
public static class ResponseFolding
{
    public static async Task<GenerateResponse> FoldAsync(IAsyncEnumerable<GenerateResponse> stream, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        StringBuilder? thinking = null;
        List<Logprob>? logprobs = null;
        GenerateResponse? last = null;
        await foreach (var chunk in stream.WithCancellation(cancellationToken))
        {
            text.Append(chunk.Response);
            if (chunk.Thinking is { Length: > 0 })
            {
                (thinking ??= new StringBuilder()).Append(chunk.Thinking);
            }

            if (chunk.Logprobs is not null)
            {
                (logprobs ??= []).AddRange(chunk.Logprobs);
            }

            last = chunk;
        }

        return (last ?? new GenerateResponse()) with
        {
            Response = text.ToString(),
            Thinking = thinking?.ToString(),
            Logprobs = logprobs?.ToArray(),
        };
    }

    public static async Task<ChatResponse> FoldAsync(IAsyncEnumerable<ChatResponse> stream, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        StringBuilder? thinking = null;
        List<Logprob>? logprobs = null;
        List<ToolCall>? toolCalls = null;
        ChatResponse? last = null;
        await foreach (var chunk in stream.WithCancellation(cancellationToken))
        {
            text.Append(chunk.Message.Content);
            if (chunk.Message.Thinking is { Length: > 0 })
            {
                (thinking ??= new StringBuilder()).Append(chunk.Message.Thinking);
            }

            if (chunk.Message.ToolCalls is not null)
            {
                (toolCalls ??= []).AddRange(chunk.Message.ToolCalls);
            }

            if (chunk.Logprobs is not null)
            {
                (logprobs ??= []).AddRange(chunk.Logprobs);
            }

            last = chunk;
        }

        last ??= new ChatResponse();
        return last with
        {
            Message = last.Message with { Content = text.ToString(), Thinking = thinking?.ToString(), ToolCalls = toolCalls?.ToArray() },
            Logprobs = logprobs?.ToArray(),
        };
    }
}
