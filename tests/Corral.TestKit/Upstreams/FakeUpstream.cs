using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.TestKit.Upstreams;

/// <summary>
/// A real HTTP server on <c>127.0.0.1:0</c> that answers like Anthropic (<c>POST /v1/messages</c>, and
/// <c>/v1/messages/count_tokens</c> with <see cref="FakeAnswer.InputTokens"/>) and OpenAI
/// (<c>POST /v1/chat/completions</c>, also <c>/chat/completions</c>): SSE streamed exactly as the vendors send it, or
/// one JSON body when <c>stream</c> is false. The answer is <see cref="Answer"/>; <see cref="Enqueue"/> queues faults,
/// each consumed by one request. Every request is recorded (<see cref="Requests"/>, unless <see cref="RecordBodies"/>
/// is off for benchmarks) and counted.
/// </summary>
public sealed class FakeUpstream : IAsyncDisposable
{
    private static readonly TimeSpan CutGrace = TimeSpan.FromMilliseconds(100);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeFault> _faults = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _count;
    private EventCache? _events;

    private FakeUpstream(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>: the Anthropic base URL.</summary>
    public Uri BaseUri { get; }

    /// <summary><c>http://127.0.0.1:{port}/v1</c>: the OpenAI base URL.</summary>
    public Uri OpenAIBaseUri => new(BaseUri, "v1");

    /// <summary>The scripted answer (read per request, so it can be swapped between requests).</summary>
    public FakeAnswer Answer { get; set; } = new();

    /// <summary>Keep each request's path, headers and body (default). Off, requests are only counted.</summary>
    public bool RecordBodies { get; set; } = true;

    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>Called after an answer was written in full, with the request's body and the
    /// <see cref="System.Diagnostics.Stopwatch"/> timestamps of the request's arrival and of the last byte handed to
    /// the socket: a benchmark subtracts the upstream's own time from what its client measured.</summary>
    public Action<string, long, long>? Answered { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The most recent request.</summary>
    public RecordedRequest LastRequest => _requests.LastOrDefault() ?? throw new InvalidOperationException("no request was received");

    public static async Task<FakeUpstream> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxConcurrentConnections = null;
            o.AddServerHeader = false;
        });
        var app = builder.Build();
        FakeUpstream? fake = null;
        app.Run(context => fake!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake = new FakeUpstream(app, new Uri(address.TrimEnd('/') + "/"));
        return fake;
    }

    /// <summary>Queues faults; each request takes the next one (none queued = the scripted answer).</summary>
    public void Enqueue(params FakeFault[] faults)
    {
        foreach (var fault in faults)
        {
            _faults.Enqueue(fault);
        }
    }

    /// <summary>A loopback URL nothing listens on (connection refused).</summary>
    public static Uri RefusedUri()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var anthropic = path == "/v1/messages";
        var count = path == "/v1/messages/count_tokens";
        if (!anthropic && !count && path is not ("/v1/chat/completions" or "/chat/completions"))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _count);
        var aborted = context.RequestAborted;
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(aborted);
        if (RecordBodies)
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
            _requests.Enqueue(new RecordedRequest(path, headers, body));
        }

        var (stream, includeUsage, model) = Read(body);
        var answer = Answer;
        _faults.TryDequeue(out var fault);
        try
        {
            if (count)
            {
                await CountAsync(context, answer, fault, aborted);
                return;
            }

            await RespondAsync(context, anthropic, stream, includeUsage, model, answer, fault, aborted);
            Answered?.Invoke(body, arrived, System.Diagnostics.Stopwatch.GetTimestamp());
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left (a timeout under test): nothing to do.
        }
    }

    /// <summary>Anthropic's count_tokens: <c>{"input_tokens": N}</c> with the answer's <see cref="FakeAnswer.InputTokens"/>;
    /// a queued status or slow-headers fault applies (stream faults have no meaning here and answer normally).</summary>
    private static async Task CountAsync(HttpContext context, FakeAnswer answer, FakeFault? fault, CancellationToken aborted)
    {
        var response = context.Response;
        if (fault?.Kind == FakeFaultKind.SlowHeaders)
        {
            await Task.Delay(fault.Delay, aborted);
        }

        response.ContentType = "application/json";
        if (fault?.Kind == FakeFaultKind.Status)
        {
            response.StatusCode = fault.Status;
            foreach (var (name, value) in fault.Headers)
            {
                response.Headers[name] = value;
            }

            await response.Body.WriteAsync(FakeAnthropicStream.ErrorBody(fault.ErrorType ?? "api_error", fault.Message ?? "error"), aborted);
            return;
        }

        await response.WriteAsync($$"""{"input_tokens":{{answer.InputTokens}}}""", aborted);
    }

    private async Task RespondAsync(HttpContext context, bool anthropic, bool stream, bool includeUsage, string model, FakeAnswer answer, FakeFault? fault, CancellationToken aborted)
    {
        var response = context.Response;
        if (fault?.Kind == FakeFaultKind.SlowHeaders)
        {
            await Task.Delay(fault.Delay, aborted);
        }

        if (fault?.Kind == FakeFaultKind.Status)
        {
            response.StatusCode = fault.Status;
            foreach (var (name, value) in fault.Headers)
            {
                response.Headers[name] = value;
            }

            response.ContentType = "application/json";
            var error = anthropic
                ? FakeAnthropicStream.ErrorBody(fault.ErrorType ?? "api_error", fault.Message ?? "error")
                : FakeOpenAIStream.ErrorBody(fault.ErrorType, fault.Message ?? "error", fault.ErrorCode);
            await response.Body.WriteAsync(error, aborted);
            return;
        }

        if (!stream)
        {
            response.ContentType = "application/json";
            await response.Body.WriteAsync(anthropic ? FakeAnthropicStream.Message(answer, model) : FakeOpenAIStream.Completion(answer, model), aborted);
            return;
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.StartAsync(aborted);
        await response.Body.FlushAsync(aborted);
        if (fault?.Kind == FakeFaultKind.SlowFirstEvent)
        {
            await Task.Delay(fault.Delay, aborted);
        }

        var events = Events(anthropic, includeUsage, model, answer);
        var count = fault?.Kind == FakeFaultKind.NoTerminator ? events.Count - 1 : events.Count;
        var writer = response.BodyWriter;
        for (var i = 0; i < count; i++)
        {
            if (fault is not null && i == fault.AfterEvents)
            {
                switch (fault.Kind)
                {
                    case FakeFaultKind.Cut:
                        // Let what was sent reach the client first: a reset can discard data it has not read yet.
                        await writer.FlushAsync(aborted);
                        await Task.Delay(CutGrace, aborted);
                        context.Abort();
                        return;
                    case FakeFaultKind.Stall:
                        await Task.Delay(fault.Delay, aborted);
                        break;
                    case FakeFaultKind.ErrorEvent:
                        await writer.WriteAsync(anthropic
                            ? FakeAnthropicStream.ErrorEvent(fault.ErrorType ?? "api_error", fault.Message ?? "error")
                            : FakeOpenAIStream.ErrorEvent(fault.ErrorType ?? "api_error", fault.Message ?? "error"), aborted);
                        return;
                    case FakeFaultKind.Malformed:
                        await writer.WriteAsync(anthropic ? "event: content_block_delta\ndata: {\"type\":\"content_bl\n\n"u8.ToArray() : "data: {\"choices\":[{\n\n"u8.ToArray(), aborted);
                        return;
                }
            }

            if (i > 0 && answer.TokenDelay > TimeSpan.Zero)
            {
                await Task.Delay(answer.TokenDelay, aborted);
            }

            await writer.WriteAsync(events[i], aborted);
        }
    }

    /// <summary>The events of an answer, built once per (answer, model, vendor) and reused: a benchmark's fake should
    /// cost next to nothing per request.</summary>
    private IReadOnlyList<byte[]> Events(bool anthropic, bool includeUsage, string model, FakeAnswer answer)
    {
        var cached = Volatile.Read(ref _events);
        if (cached is not null && ReferenceEquals(cached.Answer, answer) && cached.Model == model && cached.Anthropic == anthropic && cached.IncludeUsage == includeUsage)
        {
            return cached.Events;
        }

        var events = anthropic ? FakeAnthropicStream.Events(answer, model) : FakeOpenAIStream.Events(answer, model, includeUsage);
        Volatile.Write(ref _events, new EventCache(answer, model, anthropic, includeUsage, events));
        return events;
    }

    private sealed record EventCache(FakeAnswer Answer, string Model, bool Anthropic, bool IncludeUsage, IReadOnlyList<byte[]> Events);

    private static (bool Stream, bool IncludeUsage, string Model) Read(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
            var usage = root.TryGetProperty("stream_options", out var o) && o.ValueKind == JsonValueKind.Object
                && o.TryGetProperty("include_usage", out var u) && u.ValueKind == JsonValueKind.True;
            var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "fake-model";
            return (stream, usage, model);
        }
        catch (JsonException)
        {
            return (false, false, "fake-model");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
