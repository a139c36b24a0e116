using System.Runtime.CompilerServices;
using System.Text;
using Corral.Api.Models;

namespace Corral.Routing.Upstreams;

/// <summary>
/// One streamed attempt at a remote provider: sends the request, turns a non-success status into a classified
/// <see cref="UpstreamException"/>, then feeds SSE lines to a decoder while enforcing the budgets. One timer
/// (a <see cref="CancellationTokenSource"/> on the injected <see cref="TimeProvider"/>) serves both budgets: armed
/// with FirstToken when the request is sent, re-armed with Idle (<see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>,
/// no allocation) before every read after the first chunk, so time the caller spends on a chunk is not counted. The client's token is never turned into an upstream failure.
/// </summary>
internal sealed class UpstreamCall : IAsyncDisposable
{
    private const int MaxErrorBody = 32 * 1024;

    private readonly string _provider;
    private readonly string? _secret;
    private readonly TimeProvider _time;
    private readonly TargetTimeouts _timeouts;
    private readonly CancellationToken _client;
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private SseLineReader? _lines;
    private bool _first;

    private UpstreamCall(string provider, string? secret, TimeProvider time, TargetTimeouts timeouts, CancellationToken client)
    {
        _provider = provider;
        _secret = secret;
        _time = time;
        _timeouts = timeouts;
        _client = client;
        _timer = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(client, _timer.Token);
    }

    /// <summary>Sends the request <paramref name="build"/> makes (inside the enumerator, so its failures are too) and streams what <paramref name="decoder"/> makes of the answer.</summary>
    public static async IAsyncEnumerable<ChatResponse> StreamAsync(
        HttpClient http, Func<HttpRequestMessage> build, IStreamDecoder decoder, string provider, string? secret,
        TimeProvider time, TargetTimeouts timeouts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var call = new UpstreamCall(provider, secret, time, timeouts, cancellationToken);
        using (var request = build())
        {
            await call.SendAsync(http, request);
        }

        while (!decoder.Done)
        {
            if (!await call.ReadLineAsync())
            {
                throw UpstreamErrors.StreamCut(provider, "the stream ended before the answer was complete");
            }

            var chunk = call.Decode(decoder);
            if (chunk is not null)
            {
                call.Produced();
                yield return chunk;
            }
        }
    }

    private async Task SendAsync(HttpClient http, HttpRequestMessage request)
    {
        if (_timeouts.Connect is { } connect)
        {
            request.Options.Set(UpstreamHttp.ConnectBudget, connect);
        }

        if (_timeouts.FirstToken is { } firstToken)
        {
            _timer.CancelAfter(firstToken);
        }

        try
        {
            _response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _linked.Token);
            if (!_response.IsSuccessStatusCode)
            {
                var body = await ReadErrorBodyAsync(_response);
                throw UpstreamErrors.FromStatus(_provider, (int)_response.StatusCode, _response.Headers, body, _time, _secret);
            }

            _body = await _response.Content.ReadAsStreamAsync(_linked.Token);
            _lines = new SseLineReader(_body);
        }
        catch (Exception e) when (e is not UpstreamException && !_client.IsCancellationRequested)
        {
            throw Classify(e, responseStarted: false);
        }
    }

    private async ValueTask<bool> ReadLineAsync()
    {
        if (_first)
        {
            // Measured while waiting for the upstream only, not while the caller handles the previous chunk.
            ArmIdle();
        }

        try
        {
            return await _lines!.ReadLineAsync(_linked.Token);
        }
        catch (Exception e) when (e is not UpstreamException && !_client.IsCancellationRequested)
        {
            throw Classify(e, responseStarted: true);
        }
    }

    private ChatResponse? Decode(IStreamDecoder decoder) => decoder.Decode(_lines!.Line);

    /// <summary>A meaningful chunk arrived: the first-token budget is met, and the timer rests while the caller has
    /// the chunk (the idle budget is armed again before the next read).</summary>
    private void Produced()
    {
        _first = true;
        _timer.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    private void ArmIdle() => _timer.CancelAfter(_timeouts.Idle ?? Timeout.InfiniteTimeSpan);

    private UpstreamException Classify(Exception e, bool responseStarted)
    {
        if (_timer.IsCancellationRequested)
        {
            return _first
                ? UpstreamErrors.IdleTimeout(_provider, _timeouts.Idle ?? TimeSpan.Zero)
                : UpstreamErrors.FirstTokenTimeout(_provider, _timeouts.FirstToken ?? TimeSpan.Zero);
        }

        return UpstreamErrors.Transport(_provider, e, responseStarted);
    }

    private async Task<string> ReadErrorBodyAsync(HttpResponseMessage response)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(_linked.Token);
            var buffer = new byte[MaxErrorBody];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), _linked.Token)) > 0)
            {
                length += read;
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_lines is not null)
        {
            await _lines.DisposeAsync();
        }

        if (_body is not null)
        {
            await _body.DisposeAsync();
        }

        _response?.Dispose();
        _linked.Dispose();
        _timer.Dispose();
    }
}
