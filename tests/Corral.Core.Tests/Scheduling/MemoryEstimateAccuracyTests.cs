using Corral.Core.Models;
using Corral.Gguf;
using Corral.Gguf.Synthetic;
using Corral.Inference;
using Corral.Inference.LlamaSharp;
using Corral.TestKit;

namespace Corral.Core.Tests.Scheduling;

/// <summary>The estimate made from the GGUF alone against what llama.cpp reports allocating (weights, KV, output, compute).</summary>
public sealed class MemoryEstimateAccuracyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, int> SharedModels() => new()
    {
        { "stories260K.gguf", 256, 1 },
        { "stories260K.gguf", 1024, 2 },
        { "TinyLLama-v0-Q4_0.gguf", 512, 1 },
        { "TinyLLama-v0-Q4_0.gguf", 2048, 4 },
        { "TinyLLama-v0-Q4_0.gguf", 4096, 4 }, // a pool of 8192 cells shared by 4, not 4 x 4096
        { "stories260K.gguf", 16384, 4 },      // one context's worth shared by 4
        { "tiny-random.gguf", 1024, 1 },
    };

    [Theory]
    [MemberData(nameof(SharedModels))]
    public async Task Estimate_is_within_10_percent_of_llama_cpp(string file, int context, int parallel) =>
        await AssertWithinTenPercent(TestModels.File(file), context, parallel);

    [Fact]
    public async Task Estimate_is_within_10_percent_for_a_synthetic_qwen2_0_5b_at_Q4_K_M()
    {
        var dir = Directory.CreateTempSubdirectory("corral-memory-");
        try
        {
            var f16 = Path.Combine(dir.FullName, "qwen2-f16.gguf");
            var q4 = Path.Combine(dir.FullName, "qwen2-q4_k_m.gguf");
            var vocab = SyntheticVocabulary.CopyFrom(TestModels.File("vocab/ggml-vocab-gpt-2.gguf"));
            new SyntheticLlamaModel(TransformerShape.Qwen2_0_5B, vocab) { WeightType = GgmlType.F16 }.WriteToFile(f16);
            GgufQuantizer.Quantize(f16, q4, "Q4_K_M");
            File.Delete(f16);
            Assert.Equal("Q4_K_M", GgufFile.Open(q4).ModelInfo.QuantizationLevel);
            await AssertWithinTenPercent(q4, 512, 1);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task AssertWithinTenPercent(string path, int context, int parallel)
    {
        var estimate = MemoryEstimator.Estimate(MemoryEstimator.ShapeOf(path), context, parallel);
        await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(
            new RunnerLoadRequest { ModelPath = path, ContextLength = context, Parallel = parallel, Threads = 1 }, null, Ct);
        var actual = runner.Info;
        Assert.InRange(estimate.KvCacheBytes, actual.KvCacheBytes * 0.9, actual.KvCacheBytes * 1.1);
        Assert.InRange(estimate.TotalBytes, actual.SizeBytes * 0.9, actual.SizeBytes * 1.1);
    }
}
