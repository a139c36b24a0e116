namespace Corral.Gguf.Tests;

public sealed class HumanNumberTests
{
    [Theory]
    [InlineData(0UL, "0")]
    [InlineData(999UL, "999")]
    [InlineData(1000UL, "1K")]
    [InlineData(1001UL, "1K")]
    [InlineData(260_000UL, "260K")]
    [InlineData(292_800UL, "293K")]
    [InlineData(1_500UL, "2K")]
    [InlineData(2_500UL, "2K")]
    [InlineData(1_000_000UL, "1M")]
    [InlineData(4_621_376UL, "4.62M")]
    [InlineData(125_000_000UL, "125M")]
    [InlineData(500_500_000UL, "500.50M")]
    [InlineData(500_550_000UL, "500.55M")]
    [InlineData(1_000_000_000UL, "1B")]
    [InlineData(2_800_000_000UL, "2.8B")]
    [InlineData(2_850_000_000UL, "2.9B")]
    [InlineData(7_240_000_000UL, "7.2B")]
    [InlineData(8_030_261_248UL, "8.0B")]
    [InlineData(1_000_000_000_000UL, "1000B")]
    public void Formats_like_ollama(ulong value, string expected) => Assert.Equal(expected, HumanNumber.Format(value));
}
