using System.Net.Http.Headers;
using Corral.Routing.Upstreams;
using Microsoft.Extensions.Time.Testing;

namespace Corral.Routing.Tests.Upstreams;

public sealed class UpstreamErrorsTests
{
    [Theory]
    [InlineData(500, null, null, null, FailureClass.ServerError)]
    [InlineData(502, null, null, null, FailureClass.ServerError)]
    [InlineData(503, "overloaded_error", null, null, FailureClass.Overloaded)]
    [InlineData(529, null, null, null, FailureClass.Overloaded)]
    [InlineData(429, "rate_limit_error", null, null, FailureClass.RateLimited)]
    [InlineData(429, "insufficient_quota", "insufficient_quota", null, FailureClass.QuotaExhausted)]
    [InlineData(429, "requests", "billing_hard_limit_reached", null, FailureClass.QuotaExhausted)]
    [InlineData(402, null, null, null, FailureClass.QuotaExhausted)]
    [InlineData(400, "billing_error", null, null, FailureClass.QuotaExhausted)]
    [InlineData(400, "invalid_request_error", null, "Your credit balance is too low to access the Anthropic API.", FailureClass.QuotaExhausted)]
    [InlineData(401, null, null, null, FailureClass.AuthFailed)]
    [InlineData(403, null, null, null, FailureClass.AuthFailed)]
    [InlineData(400, null, null, null, FailureClass.BadRequest)]
    [InlineData(404, null, null, null, FailureClass.BadRequest)]
    [InlineData(413, null, null, null, FailureClass.BadRequest)]
    [InlineData(422, null, null, null, FailureClass.BadRequest)]
    [InlineData(408, null, null, null, FailureClass.ServerError)]
    [InlineData(302, null, null, null, FailureClass.ServerError)]
    [InlineData(0, "overloaded_error", null, null, FailureClass.Overloaded)]
    [InlineData(0, "rate_limit_error", null, null, FailureClass.RateLimited)]
    [InlineData(0, "api_error", null, null, FailureClass.ServerError)]
    [InlineData(0, "invalid_request_error", null, null, FailureClass.BadRequest)]
    [InlineData(0, "authentication_error", null, null, FailureClass.AuthFailed)]
    public void Statuses_and_error_types_classify(int status, string? type, string? code, string? message, FailureClass expected) =>
        Assert.Equal(expected, UpstreamErrors.Classify(status, type, code, message));

    [Fact]
    public void Retry_after_dates_are_measured_on_the_injected_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage();
        response.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(90));

        Assert.Equal(TimeSpan.FromSeconds(90), UpstreamErrors.RetryAfter(response.Headers, time));
    }

    [Fact]
    public void A_retry_after_date_in_the_past_is_zero()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage();
        response.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(-5));

        Assert.Equal(TimeSpan.Zero, UpstreamErrors.RetryAfter(response.Headers, time));
    }

    [Fact]
    public void Messages_are_one_line_trimmed_and_scrubbed()
    {
        var text = UpstreamErrors.Trim("bad key sk-123\nsecond line " + new string('y', 1000), "sk-123");

        Assert.DoesNotContain("sk-123", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
        Assert.Equal(501, text.Length);
    }

    [Fact]
    public void Non_json_error_bodies_keep_their_text()
    {
        using var response = new HttpResponseMessage();

        var e = UpstreamErrors.FromStatus("openai", 502, response.Headers, "<html>Bad Gateway</html>", TimeProvider.System, "k");

        Assert.Equal(FailureClass.ServerError, e.Failure);
        Assert.Equal("openai: HTTP 502: <html>Bad Gateway</html>", e.Message);
    }
}
