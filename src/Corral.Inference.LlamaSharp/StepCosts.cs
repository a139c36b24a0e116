namespace Corral.Inference.LlamaSharp;

/// <summary>
/// What a generation step of one token per sequence costs on this model and machine, by the number of sequences, and
/// whether decoding those sequences one at a time is cheaper than decoding them together. Batching is nearly always
/// cheaper (the weights are read once for all tokens), but llama.cpp's CPU backend changes kernels from two tokens on,
/// and for some weight types the batched kernel costs more than the tokens it saves: on the qwen2-0.5b shape at
/// Q4_K_M (q5_0 matrices) a 2-token step costs 2.3x a 1-token step (docs/BENCHMARKS.md). Costs are running averages
/// of measured steps; now and then the mode not chosen is tried again, so a change of load or occupancy is noticed.
/// </summary>
/// <remarks>Only the decode thread uses it.</remarks>
internal sealed class StepCosts
{
    /// <summary>Weight of a new measurement in the running average.</summary>
    private const double Smoothing = 0.1;

    /// <summary>Measurements of a size before its average is trusted.</summary>
    private const int Warmup = 4;

    /// <summary>Every this many eligible steps the mode not chosen is measured again.</summary>
    public const int ExploreEvery = 32;

    /// <summary>Batched must cost this much more than the tokens decoded alone before they are split.</summary>
    private const double Margin = 1.03;

    private readonly double[] _seconds;
    private readonly int[] _samples;
    private long _eligible;

    public StepCosts(int parallel)
    {
        _seconds = new double[Math.Max(2, parallel + 1)];
        _samples = new int[_seconds.Length];
    }

    /// <summary>Tests force one mode; null lets the measurements decide.</summary>
    public bool? Override { get; set; }

    /// <summary>Records a successful step of <paramref name="tokens"/> generation tokens that took <paramref name="seconds"/>.</summary>
    public void Record(int tokens, double seconds)
    {
        if (tokens < 1 || tokens >= _seconds.Length)
        {
            return;
        }

        _seconds[tokens] = _samples[tokens] == 0 ? seconds : _seconds[tokens] + (Smoothing * (seconds - _seconds[tokens]));
        _samples[tokens]++;
    }

    /// <summary>Whether a step of <paramref name="tokens"/> generation tokens (at least 2) should decode them one at a time.</summary>
    public bool Split(int tokens)
    {
        if (Override is { } forced)
        {
            return forced;
        }

        if (tokens < 2 || tokens >= _seconds.Length)
        {
            return false;
        }

        var explore = ++_eligible % ExploreEvery == 0;
        if (!Known(tokens))
        {
            return false; // learn the batched cost first
        }

        if (!Known(1))
        {
            return explore; // learn the single cost now and then
        }

        var cheaperAlone = _seconds[tokens] > tokens * _seconds[1] * Margin;
        return explore ? !cheaperAlone : cheaperAlone;
    }

    private bool Known(int tokens) => _samples[tokens] >= Warmup;
}
