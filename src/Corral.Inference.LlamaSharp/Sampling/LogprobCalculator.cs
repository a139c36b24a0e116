using System.Text;
using LLama.Native;

namespace Corral.Inference.LlamaSharp.Sampling;

/// <summary>Log-softmax over the raw logits of one position: the sampled token's log-probability and the most likely alternatives.</summary>
internal sealed class LogprobCalculator
{
    private readonly SafeLlamaModelHandle _model;
    private readonly byte[] _piece = new byte[256];
    private int[] _topIds = [];
    private float[] _topLogits = [];

    public LogprobCalculator(SafeLlamaModelHandle model)
    {
        _model = model;
    }

    public TokenLogprob Compute(ReadOnlySpan<float> logits, int token, int topCount)
    {
        var max = float.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }

        double sum = 0;
        foreach (var logit in logits)
        {
            sum += Math.Exp(logit - max);
        }

        var logSumExp = max + (float)Math.Log(sum);
        var (text, bytes) = Piece(token);
        List<TopLogprob>? top = null;
        if (topCount > 0)
        {
            var count = SelectTop(logits, Math.Min(topCount, logits.Length));
            top = new List<TopLogprob>(count);
            for (var i = 0; i < count; i++)
            {
                var (topText, topBytes) = Piece(_topIds[i]);
                top.Add(new TopLogprob(topText, _topLogits[i] - logSumExp, topBytes));
            }
        }

        return new TokenLogprob(text, logits[token] - logSumExp, bytes, top);
    }

    private int SelectTop(ReadOnlySpan<float> logits, int count)
    {
        if (_topIds.Length < count)
        {
            _topIds = new int[count];
            _topLogits = new float[count];
        }

        var filled = 0;
        for (var id = 0; id < logits.Length; id++)
        {
            var logit = logits[id];
            if (filled == count && logit <= _topLogits[count - 1])
            {
                continue;
            }

            var at = filled < count ? filled++ : count - 1;
            while (at > 0 && _topLogits[at - 1] < logit)
            {
                _topLogits[at] = _topLogits[at - 1];
                _topIds[at] = _topIds[at - 1];
                at--;
            }

            _topLogits[at] = logit;
            _topIds[at] = id;
        }

        return filled;
    }

    private (string Text, byte[] Bytes) Piece(int token)
    {
        var length = (int)_model.TokenToSpan(token, _piece, 0, true);
        var bytes = length <= _piece.Length ? _piece.AsSpan(0, length).ToArray() : [];
        return (Encoding.UTF8.GetString(bytes), bytes);
    }
}
