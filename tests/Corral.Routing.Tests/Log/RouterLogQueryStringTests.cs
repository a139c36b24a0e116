using Corral.Routing.Log;

namespace Corral.Routing.Tests.Log;

public sealed class RouterLogQueryStringTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static (bool Ok, RouterLogQuery Query, string Error) Parse(params (string Key, string? Value)[] pairs)
    {
        var ok = RouterLogQueryString.TryParse(
            pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), Now, RouterLogQuery.MaxLimit, out var query, out var error);
        return (ok, query, error);
    }

    [Fact]
    public void Every_parameter_is_read()
    {
        var (ok, query, error) = Parse(
            ("route", "smart"), ("provider", "openai"), ("model", "gpt-4o"), ("reason", "fallback"), ("error_class", "rate_limited"),
            ("errors", "true"), ("served", "1"), ("request_id", "r"), ("pair_id", "p"), ("task", "classify"), ("since", "1h"),
            ("until", "2026-03-01T12:30:00+01:00"), ("limit", "250"));
        Assert.True(ok, error);
        Assert.Equal(new RouterLogQuery
        {
            Route = "smart", Provider = "openai", Model = "gpt-4o", ReasonPrefix = "fallback", ErrorClass = "rate_limited",
            ErrorsOnly = true, ServedOnly = true, RequestId = "r", PairId = "p", Task = "classify", Since = Now.AddHours(-1),
            Until = new DateTimeOffset(2026, 3, 1, 11, 30, 0, TimeSpan.Zero), Limit = 250,
        }, query);
    }

    [Theory]
    [InlineData("30s", 0, 0, 30)]
    [InlineData("15m", 0, 15, 0)]
    [InlineData("2d", 48, 0, 0)]
    [InlineData("1w", 168, 0, 0)]
    public void Ages_count_back_from_now(string age, int hours, int minutes, int seconds)
    {
        Assert.True(RouterLogQueryString.TryParseInstant(age, Now, out var instant));
        Assert.Equal(Now - new TimeSpan(hours, minutes, seconds), instant);
    }

    [Theory]
    [InlineData("2026-03-01T10:00:00Z", 10)]
    [InlineData("2026-03-01T10:00:00.5Z", 10)]
    [InlineData("2026-03-01T12:00:00+02:00", 10)]
    [InlineData("2026-03-01", 0)]
    public void Rfc3339_instants_are_read_as_utc(string text, int hourUtc)
    {
        Assert.True(RouterLogQueryString.TryParseInstant(text, Now, out var instant));
        Assert.Equal(hourUtc, instant.UtcDateTime.Hour);
    }

    [Theory]
    [InlineData("bogus", "x", "unknown query parameter 'bogus'")]
    [InlineData("limit", "0", "from 1 to 10000")]
    [InlineData("limit", "10001", "from 1 to 10000")]
    [InlineData("limit", "-5", "from 1 to 10000")]
    [InlineData("limit", "ten", "from 1 to 10000")]
    [InlineData("since", "yesterday", "RFC 3339")]
    [InlineData("since", "2026-03-01T10:00:00", "RFC 3339")]
    [InlineData("until", "5y", "RFC 3339")]
    [InlineData("errors", "maybe", "true or false")]
    [InlineData("route", "", "is empty")]
    public void A_bad_value_is_an_error_naming_the_parameter(string key, string value, string message)
    {
        var (ok, _, error) = Parse((key, value));
        Assert.False(ok);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_key_a_long_value_and_an_inverted_window_are_errors()
    {
        Assert.Contains("more than once", Parse(("route", "a"), ("route", "b")).Error, StringComparison.Ordinal);
        Assert.Contains("longer than", Parse(("route", new string('x', 600))).Error, StringComparison.Ordinal);
        Assert.Contains("after 'until'", Parse(("since", "1h"), ("until", "2h")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_keys_are_left_to_the_caller()
    {
        Assert.True(RouterLogQueryString.TryParse(
            [new("format", "csv")], Now, int.MaxValue, out _, out var error, extraKeys: ["format"]), error);
    }

    [Fact]
    public void ToQueryString_round_trips()
    {
        var query = new RouterLogQuery
        {
            Route = "smart model", ReasonPrefix = "fallback:rate_limited", ErrorsOnly = true,
            Since = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)), Limit = 5,
        };
        var text = query.ToQueryString();
        Assert.StartsWith("?route=smart%20model&", text, StringComparison.Ordinal);
        var pairs = text[1..].Split('&').Select(p => p.Split('=')).Select(p => new KeyValuePair<string, string?>(p[0], Uri.UnescapeDataString(p[1])));
        Assert.True(RouterLogQueryString.TryParse(pairs, Now, RouterLogQuery.MaxLimit, out var parsed, out var error), error);
        Assert.Equal(query, parsed);
        Assert.Equal("", new RouterLogQuery().ToQueryString());
    }
}
