using LLama.Native;

namespace Corral.Inference.LlamaSharp.Sampling;

/// <summary>
/// One sequence's sampler: a native llama.cpp sampler chain built from <see cref="SamplingOptions"/>, plus an optional
/// GBNF grammar kept in its own chain so prompt tokens feed the repetition penalties without touching the grammar.
/// </summary>
internal sealed class TokenSampler : IDisposable
{
    private const uint RandomSeed = 0xFFFFFFFF; // LLAMA_DEFAULT_SEED: llama.cpp picks a random seed

    private readonly SafeLLamaSamplerChainHandle _chain;
    private readonly SafeLLamaSamplerChainHandle? _grammar;
    private readonly bool _tracksHistory;
    private LLamaTokenData[]? _candidates;

    public TokenSampler(SafeLlamaModelHandle model, SamplingOptions options, string? grammar, int contextLength)
    {
        _chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        try
        {
            _tracksHistory = AddPenalties(options, contextLength);
            if (options.Temperature <= 0)
            {
                _chain.AddGreedySampler();
            }
            else
            {
                AddTruncation(options);
                _chain.AddTemperature(options.Temperature);
                _chain.AddDistributionSampler(options.Seed < 0 ? RandomSeed : unchecked((uint)options.Seed));
            }

            if (!string.IsNullOrWhiteSpace(grammar))
            {
                _grammar = CreateGrammar(model, grammar);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Feeds prompt tokens to the repetition penalties (never to the grammar).</summary>
    public void AcceptPrompt(ReadOnlySpan<int> tokens)
    {
        if (!_tracksHistory)
        {
            return;
        }

        foreach (var token in tokens)
        {
            _chain.Accept(token);
        }
    }

    /// <summary>Samples the next token from the logits at <paramref name="logitIndex"/> of the last batch and accepts it.</summary>
    public int Sample(SafeLLamaContextHandle context, int logitIndex)
    {
        if (_grammar is null)
        {
            return (int)_chain.Sample(context, logitIndex);
        }

        var logits = context.GetLogitsIth(logitIndex);
        _candidates ??= new LLamaTokenData[logits.Length];
        var array = LLamaTokenDataArray.Create(logits, _candidates);
        int token;
        using (LLamaTokenDataArrayNative.Create(array, out var native))
        {
            _grammar.Apply(ref native);
            _chain.Apply(ref native);
            if (native.Selected < 0)
            {
                throw new InvalidOperationException("The grammar allows no further token.");
            }

            token = (int)native.Data[(int)native.Selected].ID;
        }

        _grammar.Accept(token);
        _chain.Accept(token);
        return token;
    }

    public void Dispose()
    {
        _grammar?.Dispose();
        _chain.Dispose();
    }

    private bool AddPenalties(SamplingOptions options, int contextLength)
    {
        var lastN = options.RepeatLastN < 0 ? contextLength : options.RepeatLastN;
        var active = options.RepeatPenalty != 1f || options.FrequencyPenalty != 0f || options.PresencePenalty != 0f;
        if (lastN == 0 || !active)
        {
            return false;
        }

        _chain.AddPenalties(lastN, options.RepeatPenalty, options.FrequencyPenalty, options.PresencePenalty);
        return true;
    }

    private void AddTruncation(SamplingOptions options)
    {
        if (options.TopK > 0)
        {
            _chain.AddTopK(options.TopK);
        }

        if (options.TypicalP is > 0 and < 1)
        {
            _chain.AddTypical(options.TypicalP, 1);
        }

        if (options.TopP is > 0 and < 1)
        {
            _chain.AddTopP(options.TopP, 1);
        }

        if (options.MinP is > 0 and <= 1)
        {
            _chain.AddMinP(options.MinP, 1);
        }
    }

    private static SafeLLamaSamplerChainHandle CreateGrammar(SafeLlamaModelHandle model, string grammar)
    {
        if (!GrammarValidator.CanParse(model, grammar, out var checkedNatively))
        {
            throw new ArgumentException("The grammar could not be parsed by llama.cpp.", nameof(grammar));
        }

        if (!checkedNatively)
        {
            throw new NotSupportedException("Grammars need the llama.cpp library's exports, which could not be found.");
        }

        var chain = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        try
        {
            chain.AddGrammar(model, grammar, "root");
            return chain;
        }
        catch (Exception ex)
        {
            chain.Dispose();
            throw new ArgumentException("The grammar could not be parsed by llama.cpp.", nameof(grammar), ex);
        }
    }
}
