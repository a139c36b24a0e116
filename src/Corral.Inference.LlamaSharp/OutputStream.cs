using System.Text;
using LLama;
using LLama.Native;

namespace Corral.Inference.LlamaSharp;

/// <summary>
/// Turns sampled tokens into chunks for one job: UTF-8 characters split across tokens are held back by a streaming
/// decoder, text that might start a stop sequence by the <see cref="StopSequenceMatcher"/>; token counts and
/// log-probabilities ride on the chunk that releases their text.
/// </summary>
internal sealed class OutputStream
{
    private readonly GenerationJob _job;
    private readonly StreamingTokenDecoder _decoder;
    private readonly StopSequenceMatcher _matcher;
    private readonly bool _logprobs;
    private List<TokenLogprob>? _pendingLogprobs;
    private int _pendingTokens;
    private string? _finalText;

    public OutputStream(GenerationJob job, SafeLlamaModelHandle model)
    {
        _job = job;
        _decoder = new StreamingTokenDecoder(Encoding.UTF8, model);
        _matcher = new StopSequenceMatcher(job.Request.Stop);
        _logprobs = job.Request.Logprobs;
    }

    /// <summary>Tokens generated so far (excluding an end-of-generation token).</summary>
    public List<int> Generated { get; } = [];

    /// <summary>Adds a generated token; returns true when it completed a stop sequence.</summary>
    public bool Add(int token, TokenLogprob? logprob)
    {
        Generated.Add(token);
        _pendingTokens++;
        if (logprob is not null)
        {
            (_pendingLogprobs ??= []).Add(logprob);
        }

        _decoder.Add(token);
        if (_decoder.AvailableCharacters == 0)
        {
            return false;
        }

        var text = _matcher.Push(_decoder.Read());
        if (_matcher.Matched)
        {
            _finalText = text;
            return true;
        }

        if (text.Length > 0)
        {
            _job.Write(new RunnerChunk { Text = text, TokenCount = _pendingTokens, Logprobs = TakeLogprobs() });
            _pendingTokens = 0;
        }

        return false;
    }

    /// <summary>Records a log-probability for a token that produces no text (an end-of-generation token).</summary>
    public void AddSilent(TokenLogprob? logprob)
    {
        if (logprob is not null)
        {
            (_pendingLogprobs ??= []).Add(logprob);
        }
    }

    /// <summary>Writes the last chunk: held-back text (unless a stop sequence matched), the reason and the statistics.</summary>
    public void Finish(DoneReason reason, GenerationStats stats)
    {
        var text = _finalText ?? _matcher.Flush();
        _job.Write(new RunnerChunk
        {
            Text = text,
            TokenCount = _pendingTokens,
            Logprobs = TakeLogprobs(),
            Done = true,
            DoneReason = reason,
            StopSequence = _matcher.MatchedStop,
            Stats = stats,
        });
    }

    private List<TokenLogprob>? TakeLogprobs()
    {
        if (!_logprobs)
        {
            return null;
        }

        var taken = _pendingLogprobs ?? [];
        _pendingLogprobs = null;
        return taken;
    }
}
