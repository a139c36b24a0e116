using System.Text;
using LLama;
using LLama.Exceptions;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// A model loaded in llama.cpp. Generation runs on a dedicated decode thread per runner that batches up to
/// <see cref="RunnerInfo.Parallel"/> sequences into each <c>llama_decode</c> (continuous batching over one unified KV
/// pool, with prefix reuse across requests and sequences); embeddings use a second context created on first use.
/// Native handles never leave this class and its helpers.
/// </summary>
public sealed partial class LlamaSharpRunner : IModelRunner
{
    private readonly SafeLlamaModelHandle _model;
    private readonly SafeLLamaContextHandle _context;
    private readonly DecodeLoop _loop;
    private readonly EmbeddingContext _embeddings;
    private readonly Lock _templateGate = new();
    private int _disposed;

    internal LlamaSharpRunner(SafeLlamaModelHandle model, SafeLLamaContextHandle context, RunnerInfo info, ILogger? logger)
    {
        _model = model;
        _context = context;
        Info = info;
        var generator = new SequenceGenerator(model, context, info.ContextLength, (int)context.BatchSize);
        _loop = new DecodeLoop(generator, info.Parallel, logger);
        _embeddings = new EmbeddingContext(model, info.EmbeddingLimit, info.Threads);
    }

    /// <inheritdoc />
    public RunnerInfo Info { get; }

    /// <summary>The decode loop (tests force its step mode).</summary>
    internal DecodeLoop Loop => _loop;

    /// <inheritdoc />
    public int[] Tokenize(string text, bool addSpecial, bool parseSpecial)
    {
        ArgumentNullException.ThrowIfNull(text);
        ThrowIfDisposed();
        var tokens = _model.Tokenize(text, addSpecial, parseSpecial, Encoding.UTF8);
        var ids = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            ids[i] = (int)tokens[i];
        }

        return ids;
    }

    /// <inheritdoc />
    public string Detokenize(ReadOnlySpan<int> tokens)
    {
        ThrowIfDisposed();
        var bytes = new List<byte>(tokens.Length * 4);
        Span<byte> piece = stackalloc byte[256];
        foreach (var token in tokens)
        {
            if ((uint)token >= (uint)Info.VocabSize)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), $"Token {token} is outside the vocabulary.");
            }

            var length = (int)_model.TokenToSpan(token, piece, 0, true);
            if (length > piece.Length)
            {
                var large = new byte[length];
                _model.TokenToSpan(token, large, 0, true);
                bytes.AddRange(large);
            }
            else
            {
                bytes.AddRange(piece[..length]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <inheritdoc />
    public string? ApplyChatTemplate(IReadOnlyList<ChatTurn> messages, bool addAssistantPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ThrowIfDisposed();
        if (Info.ChatTemplate is null)
        {
            return null; // llama.cpp would fall back to ChatML, which is not this model's format
        }

        lock (_templateGate)
        {
            try
            {
                var template = new LLamaTemplate(_model, null!, strict: true) { AddAssistant = addAssistantPrompt };
                foreach (var message in messages)
                {
                    template.Add(message.Role, message.Content);
                }

                return Encoding.UTF8.GetString(template.Apply());
            }
            catch (RuntimeError)
            {
                return null; // a template llama.cpp does not recognize
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Task.Run(_loop.Dispose).ConfigureAwait(false);
        await _embeddings.DisposeAsync().ConfigureAwait(false);
        _context.Dispose();
        _model.Dispose();
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
