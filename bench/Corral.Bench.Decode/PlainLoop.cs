using System.Diagnostics;
using LLama;
using LLama.Common;
using LLama.Native;

namespace Corral.Bench.Decode;

/// <summary>The most direct single-stream decode loop: one LLamaContext, native llama_decode, native greedy sampler.</summary>
internal sealed class PlainLoop : IDisposable
{
    private readonly LLamaWeights _weights;
    private readonly LLamaContext _context;
    private readonly LLamaBatch _batch = new();

    public PlainLoop(string modelPath, int contextLength, int threads)
    {
        var parameters = new ModelParams(modelPath)
        {
            ContextSize = (uint)contextLength,
            BatchSize = 512,
            Threads = threads,
            BatchThreads = threads,
            GpuLayerCount = 0,
        };
        _weights = LLamaWeights.LoadFromFile(parameters);
        _context = _weights.CreateContext(parameters);
    }

    /// <summary>Decodes the prompt, then exactly <paramref name="tokens"/> greedy tokens; returns the time spent after the prompt.</summary>
    public TimeSpan Run(int[] prompt, int tokens)
    {
        var handle = _context.NativeHandle;
        handle.MemoryClear(true);
        using var sampler = SafeLLamaSamplerChainHandle.Create(LLamaSamplerChainParams.Default());
        sampler.AddGreedySampler();

        _batch.Clear();
        for (var i = 0; i < prompt.Length; i++)
        {
            _batch.Add(prompt[i], i, LLamaSeqId.Zero, i == prompt.Length - 1);
        }

        Check(handle.Decode(_batch));
        var logitIndex = _batch.TokenCount - 1;
        var position = prompt.Length;
        var start = Stopwatch.GetTimestamp();
        for (var n = 0; n < tokens; n++)
        {
            var token = sampler.Sample(handle, logitIndex);
            _batch.Clear();
            _batch.Add(token, position++, LLamaSeqId.Zero, true);
            Check(handle.Decode(_batch));
            logitIndex = 0;
        }

        return Stopwatch.GetElapsedTime(start);
    }

    public void Dispose()
    {
        _context.Dispose();
        _weights.Dispose();
    }

    private static void Check(DecodeResult result)
    {
        if (result != DecodeResult.Ok)
        {
            throw new InvalidOperationException($"llama_decode failed: {result}");
        }
    }
}
