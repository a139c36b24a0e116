using Corral.Core.Deadlines;

namespace Corral.Core.Tests.Deadlines;

public sealed class RequestTimeoutTests
{
    [Theory]
    [InlineData("30", 30_000)]
    [InlineData("2.5", 2_500)]
    [InlineData("30s", 30_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData(" 2s ", 2_000)]
    [InlineData("24h", 86_400_000)]
    public void Parses_SecondsAndGoDurations(string value, int milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RequestTimeout.Parse(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0s")]
    public void EmptyOrZero_IsNoDeadline(string? value) => Assert.Null(RequestTimeout.Parse(value));

    [Theory]
    [InlineData("-1", "negative")]
    [InlineData("-5s", "negative")]
    [InlineData("soon", "not a duration")]
    [InlineData("NaN", "not a duration")]
    [InlineData("1e3", "not a duration")]
    [InlineData("25h", "longer than 24h0m0s")]
    [InlineData("90000", "longer than 24h0m0s")]
    public void Refuses_MalformedNegativeOrAbsurd(string value, string reason)
    {
        var error = Assert.Throws<FormatException>(() => RequestTimeout.Parse(value));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
