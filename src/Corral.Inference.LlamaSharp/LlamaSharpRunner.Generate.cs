using System.Runtime.CompilerServices;

namespace Corral.Inference.LlamaSharp;

public sealed partial class LlamaSharpRunner
{
    /// <inheritdoc />
    public async IAsyncEnumerable<RunnerChunk> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ThrowIfDisposed();
        ValidatePrompt(request);
        var job = new GenerationJob(request, cancellationToken);
        _loop.Enqueue(job);
        try
        {
            var reader = job.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var chunk))
                {
                    cancellationToken.ThrowIfCancellationRequested(); // chunks already buffered are not delivered after cancelling
                    yield return chunk;
                    if (chunk.Done)
                    {
                        yield break;
                    }
                }
            }
        }
        finally
        {
            job.Cancel(); // stops decoding when the caller cancels or stops reading early
        }
    }

    private void ValidatePrompt(GenerationRequest request)
    {
        var prompt = request.PromptTokens ?? throw new ArgumentException("PromptTokens is required.", nameof(request));
        if (prompt.Length == 0)
        {
            throw new ArgumentException("The prompt has no tokens.", nameof(request));
        }

        if (prompt.Length > Info.ContextLength)
        {
            throw new ArgumentException($"The prompt has {prompt.Length} tokens but the context holds {Info.ContextLength}.", nameof(request));
        }

        foreach (var token in prompt)
        {
            if ((uint)token >= (uint)Info.VocabSize)
            {
                throw new ArgumentException($"Prompt token {token} is outside the vocabulary.", nameof(request));
            }
        }

        if (request.TopLogprobs is < 0 or > 20)
        {
            throw new ArgumentException("TopLogprobs must be between 0 and 20.", nameof(request));
        }
    }
}
