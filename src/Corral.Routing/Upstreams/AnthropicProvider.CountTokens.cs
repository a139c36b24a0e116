using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Corral.Routing.Upstreams;

/// <summary><c>POST {base_url}/v1/messages/count_tokens</c>: same key, headers and budgets as a chat.</summary>
public sealed partial class AnthropicProvider : ITokenCounter
{
    /// <summary>An answer larger than this is not a token count (or an error worth reading in full).</summary>
    private const int MaxCountAnswerBytes = 64 * 1024;

    public async Task<int> CountTokensAsync(byte[] body, TargetTimeouts timeouts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var timer = new CancellationTokenSource(timeouts.FirstToken ?? Timeout.InfiniteTimeSpan, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_endpoint.AbsoluteUri + "/count_tokens")) { Content = Endpoints.Json(body) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (timeouts.Connect is { } connect)
        {
            request.Options.Set(UpstreamHttp.ConnectBudget, connect);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var text = await ReadBoundedAsync(response.Content, linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw UpstreamErrors.FromStatus(Name, (int)response.StatusCode, response.Headers, text, _time, _secret);
            }

            return InputTokens(text) ?? throw new UpstreamException(FailureClass.ServerError,
                $"{Name}: count_tokens answered without a whole, non-negative input_tokens: {UpstreamErrors.Trim(text, _secret)}");
        }
        catch (Exception e) when (e is not UpstreamException && !cancellationToken.IsCancellationRequested)
        {
            throw timer.IsCancellationRequested
                ? UpstreamErrors.FirstTokenTimeout(Name, timeouts.FirstToken ?? TimeSpan.Zero)
                : UpstreamErrors.Transport(Name, e, responseStarted: false);
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxCountAnswerBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static int? InputTokens(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("input_tokens", out var tokens)
                && tokens.TryGetInt32(out var count) && count >= 0
                ? count
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
