using Corral.Cli.Commands;
using Corral.Cli.Rendering;

namespace Corral.Cli.Tests;

public sealed class FormattingTests
{
    private static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0L, "0 B")]
    [InlineData(999L, "999 B")]
    [InlineData(1000L, "1 KB")]
    [InlineData(1500L, "1.5 KB")]
    [InlineData(4_700_000_000L, "4.7 GB")]
    [InlineData(2_019_393_189L, "2.0 GB")]
    [InlineData(2_000_000_000L, "2 GB")]
    [InlineData(42_300_000_000L, "42 GB")]
    [InlineData(274_302_450L, "274 MB")]
    [InlineData(1_200_000_000_000L, "1.2 TB")]
    public void Bytes_match_ollama(long bytes, string expected) => Assert.Equal(expected, HumanFormat.Bytes(bytes));

    [Theory]
    [InlineData(0.5, "Less than a second ago")]
    [InlineData(1, "1 second ago")]
    [InlineData(30, "30 seconds ago")]
    [InlineData(60, "About a minute ago")]
    [InlineData(119, "About a minute ago")]
    [InlineData(300, "5 minutes ago")]
    [InlineData(3600, "About an hour ago")]
    [InlineData(5 * 3600, "5 hours ago")]
    [InlineData(3 * 86400, "3 days ago")]
    [InlineData(20 * 86400, "2 weeks ago")]
    [InlineData(90 * 86400, "3 months ago")]
    [InlineData(800 * 86400, "2 years ago")]
    public void Relative_time_in_the_past(double secondsAgo, string expected) =>
        Assert.Equal(expected, HumanFormat.Time(Now.AddSeconds(-secondsAgo), Now));

    [Fact]
    public void Relative_time_in_the_future_and_forever()
    {
        Assert.Equal("4 minutes from now", HumanFormat.Time(Now.AddMinutes(4).AddSeconds(30), Now));
        Assert.Equal("Forever", HumanFormat.Time(Now.AddYears(200), Now));
        Assert.Equal("Never", HumanFormat.Time(default, Now));
    }

    [Theory]
    [InlineData(0L, "0s")]
    [InlineData(1_500_000_000L, "1.5s")]
    [InlineData(250_000_000L, "250ms")]
    [InlineData(62_500_000_000L, "1m2.5s")]
    [InlineData(1_234_567_891L, "1.234567891s")]
    public void Go_durations(long ns, string expected) => Assert.Equal(expected, HumanFormat.GoDuration(ns));

    [Theory]
    [InlineData(8_030_261_248UL, "8.0B")]
    [InlineData(3_000_000_000UL, "3B")]
    [InlineData(137_000_000UL, "137M")]
    [InlineData(22_500_000UL, "22.50M")]
    [InlineData(4_500UL, "4K")]
    public void Human_numbers(ulong n, string expected) => Assert.Equal(expected, HumanFormat.Number(n));

    [Theory]
    [InlineData(0L, 0L, "100% CPU")]
    [InlineData(100L, 100L, "100% GPU")]
    [InlineData(100L, 48L, "52%/48% CPU/GPU")]
    [InlineData(100L, 200L, "Unknown")]
    public void Processor_column(long size, long vram, string expected) => Assert.Equal(expected, PsCommand.Processor(size, vram));

    [Fact]
    public void Until_column()
    {
        Assert.Equal("Stopping...", PsCommand.Until(Now.AddSeconds(-1), Now));
        Assert.Equal("4 minutes from now", PsCommand.Until(Now.AddMinutes(4.5), Now));
        Assert.Equal("Forever", PsCommand.Until(Now.AddYears(290), Now));
    }

    [Theory]
    [InlineData(131072d, 6, "131072")]
    [InlineData(1000000d, 6, "1e+06")]
    [InlineData(500000d, 6, "500000")]
    [InlineData(1e-05, 6, "1e-05")]
    [InlineData(0.5, 6, "0.5")]
    [InlineData(1000000d, 21, "1000000")]
    public void Go_float_formatting(double value, int exponentFrom, string expected) =>
        Assert.Equal(expected, ShowRenderer.GoFloat(value, exponentFrom));
}
