using Corral.Gguf.Synthetic;

namespace Corral.Gguf.Tests;

public sealed class SyntheticShapesTests
{
    [Theory]
    [InlineData("qwen2-0.5b:Q4_K_M", "qwen2-0.5b", "Q4_K_M")]
    [InlineData("LLAMA-1B", "llama-1b", null)]
    [InlineData("tiny:q8_0", "tiny", "q8_0")]
    public void Specs_parse(string spec, string shape, string? quant)
    {
        var parsed = SyntheticShapes.Parse(spec);
        Assert.Equal(shape, parsed.Shape);
        Assert.Equal(quant, parsed.Quantization);
    }

    [Fact]
    public void Presets_are_the_real_shapes()
    {
        Assert.Same(TransformerShape.Qwen2_0_5B, SyntheticShapes.Parse("qwen2-0.5b").Value);
        Assert.Same(TransformerShape.Llama32_1B, SyntheticShapes.Parse("llama-1b").Value);
    }

    [Fact]
    public void Unknown_shapes_name_the_presets() =>
        Assert.Contains("qwen2-0.5b", Assert.Throws<ArgumentException>(() => SyntheticShapes.Parse("gpt-5")).Message, StringComparison.Ordinal);
}
