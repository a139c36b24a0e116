using LLama.Common;
using LLama.Extensions;
using LLama.Native;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// A second llama.cpp context with embeddings on, created on first use. Inputs are packed several sequences per
/// <c>llama_decode</c>; each sequence attends only to itself, so a vector does not depend on what it was batched with.
/// </summary>
internal sealed class EmbeddingContext : IAsyncDisposable
{
    private const int MaxSequences = 8;

    private readonly SafeLlamaModelHandle _model;
    private readonly int _contextLength;
    private readonly int _threads;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SafeLLamaContextHandle? _context;
    private LLamaBatch? _batch;
    private bool _disposed;

    public EmbeddingContext(SafeLlamaModelHandle model, int contextLength, int threads)
    {
        _model = model;
        _contextLength = contextLength;
        _threads = threads;
    }

    public async ValueTask<EmbeddingResult> EmbedAsync(IReadOnlyList<int[]> inputs, int vocabSize, CancellationToken cancellationToken)
    {
        foreach (var input in inputs)
        {
            if (input is null || input.Length == 0)
            {
                throw new ArgumentException("An embedding input has no tokens.", nameof(inputs));
            }

            if (input.Length > _contextLength)
            {
                throw new ArgumentException($"An embedding input has {input.Length} tokens but the context holds {_contextLength}.", nameof(inputs));
            }

            if (input.Any(t => (uint)t >= (uint)vocabSize))
            {
                throw new ArgumentException("An embedding input has a token outside the vocabulary.", nameof(inputs));
            }
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await Task.Run(() => Embed(inputs, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            _context?.Dispose();
            _context = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private EmbeddingResult Embed(IReadOnlyList<int[]> inputs, CancellationToken cancellationToken)
    {
        var context = _context ??= CreateContext();
        var batch = _batch ??= new LLamaBatch();
        var vectors = new float[inputs.Count][];
        var tokens = 0;
        for (var next = 0; next < inputs.Count;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch.Clear();
            var first = next;
            while (next < inputs.Count && next - first < MaxSequences && batch.TokenCount + inputs[next].Length <= _contextLength)
            {
                var input = inputs[next];
                var sequence = (LLamaSeqId)(next - first);
                for (var position = 0; position < input.Length; position++)
                {
                    batch.Add(input[position], position, sequence, true);
                }

                tokens += input.Length;
                next++;
            }

            try
            {
                var result = context.Decode(batch);
                if (result != DecodeResult.Ok)
                {
                    throw new InvalidOperationException($"llama_decode failed while embedding ({result}).");
                }

                for (var i = first; i < next; i++)
                {
                    vectors[i] = context.GetEmbeddingsSeq((LLamaSeqId)(i - first)).ToArray();
                }
            }
            finally
            {
                context.MemoryClear(true);
            }
        }

        return new EmbeddingResult(vectors, tokens);
    }

    private SafeLLamaContextHandle CreateContext()
    {
        var architecture = RunnerInfoBuilder.Metadata(_model, "general.architecture");
        var pooling = architecture is null ? null : RunnerInfoBuilder.Metadata(_model, architecture + ".pooling_type");
        var parameters = new ModelParams("")
        {
            ContextSize = (uint)_contextLength,
            BatchSize = (uint)_contextLength,
            UBatchSize = (uint)_contextLength,
            SeqMax = MaxSequences,
            KVUnified = true,
            Embeddings = true,
            // Use the GGUF's pooling when it names one; mean pooling otherwise (and instead of "none").
            PoolingType = pooling is null or "0" ? LLamaPoolingType.Mean : LLamaPoolingType.Unspecified,
            Threads = _threads,
            BatchThreads = _threads,
        };
        parameters.ToLlamaContextParams(out var contextParams);
        return SafeLLamaContextHandle.Create(_model, contextParams);
    }
}
