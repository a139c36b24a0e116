using System.Text.Json;
using Corral.Api;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Corral.Api.Tests.Primitives;

public sealed class OllamaDurationTests
{
    private sealed record Holder(OllamaDuration KeepAlive);

    [Theory]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("300ms", 300)]
    [InlineData("1.5s", 1500)]
    [InlineData(".5m", 30_000)]
    [InlineData("0", 0)]
    [InlineData("300", 300_000)]
    [InlineData("+10s", 10_000)]
    [InlineData("1h0m0s", 3_600_000)]
    [InlineData("2us", 0)]
    public void ParsesStrings(string input, long milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), TimeSpan.FromMilliseconds(Math.Floor(OllamaDuration.Parse(input).Value.TotalMilliseconds)));

    [Theory]
    [InlineData("-1")]
    [InlineData("-1m")]
    [InlineData("-0.5s")]
    public void NegativeMeansForever(string input) => Assert.True(OllamaDuration.Parse(input).IsForever);

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("5x")]
    [InlineData(".s")]
    [InlineData("5 m")]
    [InlineData("1h 30m")]
    [InlineData("9999999999999999999h")]
    [InlineData("-")]
    public void RejectsInvalid(string input)
    {
        Assert.False(OllamaDuration.TryParse(input, out _));
        Assert.Throws<FormatException>(() => OllamaDuration.Parse(input));
    }

    [Theory]
    [InlineData(300_000, "5m0s")]
    [InlineData(5_400_000, "1h30m0s")]
    [InlineData(300, "300ms")]
    [InlineData(1500, "1.5s")]
    [InlineData(0, "0s")]
    public void FormatsLikeGo(long milliseconds, string expected) =>
        Assert.Equal(expected, new OllamaDuration(TimeSpan.FromMilliseconds(milliseconds)).ToString());

    [Fact]
    public void GoDurationFormatsSubSecondUnits()
    {
        Assert.Equal("1.5µs", GoDuration.Format(1500));
        Assert.Equal("999ns", GoDuration.Format(999));
        Assert.Equal("-2h0m0s", GoDuration.Format(-7_200_000_000_000));
        Assert.True(GoDuration.TryParse("2562047h47m16.854775807s", out var max));
        Assert.Equal(long.MaxValue, max);
        Assert.False(GoDuration.TryParse("2562047h47m16.854775808s", out _));
    }

    [Theory]
    [InlineData("{\"KeepAlive\":300}", "5m0s")]
    [InlineData("{\"KeepAlive\":1.5}", "1.5s")]
    [InlineData("{\"KeepAlive\":-1}", "-1")]
    [InlineData("{\"KeepAlive\":\"10m\"}", "10m0s")]
    [InlineData("{\"KeepAlive\":\"-1m\"}", "-1")]
    public void Json(string json, string expected)
    {
        var holder = JsonSerializer.Deserialize<Holder>(json)!;
        Assert.Equal(expected, holder.KeepAlive.ToString());
        Assert.Equal(holder, JsonSerializer.Deserialize<Holder>(JsonSerializer.Serialize(holder)));
    }

    [Theory]
    [InlineData("{\"KeepAlive\":\"soon\"}")]
    [InlineData("{\"KeepAlive\":true}")]
    public void JsonRejects(string json) => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>(json));

    [Theory]
    [InlineData(null, "5m0s")]
    [InlineData("", "5m0s")]
    [InlineData("garbage", "5m0s")]
    [InlineData(" \"10m\" ", "10m0s")]
    [InlineData("'-1'", "-1")]
    [InlineData("60", "1m0s")]
    [InlineData("0", "0s")]
    public void EnvironmentForm(string? value, string expected) =>
        Assert.Equal(expected, OllamaDuration.FromEnvironmentValue(value).ToString());

    [Property(MaxTest = 1000)]
    public Property ParseOnlyThrowsFormatException() =>
        Prop.ForAll(Arb.From(Gen.OneOf(
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? string.Empty),
            Gen.Elements(["1", "9", ".", "-", "+", "h", "m", "s", "ms", "us", "µs", "ns", "0", "99999999999"]).ListOf().Select(p => string.Concat(p)))), s =>
        {
            var ok = OllamaDuration.TryParse(s, out var d);
            try
            {
                var parsed = OllamaDuration.Parse(s);
                return ok && parsed == d && (d.IsForever || OllamaDuration.Parse(d.ToString()) == d);
            }
            catch (FormatException)
            {
                return !ok;
            }
        });
}
