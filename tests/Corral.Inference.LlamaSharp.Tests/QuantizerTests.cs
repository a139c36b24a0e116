using Corral.Gguf;
using Corral.Gguf.Synthetic;

namespace Corral.Inference.LlamaSharp.Tests;

public sealed class QuantizerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Quantizes_a_synthetic_model_that_then_loads()
    {
        var dir = Directory.CreateTempSubdirectory("corral-quant-");
        try
        {
            var source = Path.Combine(dir.FullName, "tiny-f32.gguf");
            var target = Path.Combine(dir.FullName, "tiny-q8_0.gguf");
            new SyntheticLlamaModel(TransformerShape.TinyLlama, SyntheticVocabulary.BuiltInSpm()).WriteToFile(source);
            GgufQuantizer.Quantize(source, target, "q8_0", threads: 1);
            Assert.Equal("Q8_0", GgufFile.Open(target).ModelInfo.QuantizationLevel);
            Assert.False(File.Exists(target + ".partial"));
            await using var runner = await new LlamaSharpRunnerFactory().LoadAsync(new RunnerLoadRequest { ModelPath = target, ContextLength = 64, Threads = 1 }, null, Ct);
            Assert.True(runner.Info.SizeBytes > 0);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Unknown_quantization_names_the_known_ones()
    {
        Assert.False(GgufQuantizer.IsKnown("Q9_X"));
        Assert.Equal("Q4_K_M", GgufQuantizer.Canonical("q4_k_m"));
        var error = Assert.Throws<ArgumentException>(() => GgufQuantizer.Quantize("/nonexistent/a.gguf", "/nonexistent/b.gguf", "Q9_X"));
        Assert.Contains("Q4_K_M", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_source_is_a_clear_error() =>
        Assert.Contains("does not exist", Assert.Throws<ModelLoadException>(() =>
            GgufQuantizer.Quantize(Path.Combine(Path.GetTempPath(), "no-such-model.gguf"), Path.Combine(Path.GetTempPath(), "out.gguf"), "Q8_0")).Message, StringComparison.Ordinal);
}
