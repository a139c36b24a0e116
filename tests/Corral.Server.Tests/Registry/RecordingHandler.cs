using System.Collections.Concurrent;

namespace Corral.Server.Tests.Registry;

/// <summary>One request the server sent to a registry, and how the registry answered.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, long? RangeFrom, long? RangeTo, string? ContentRange, int Status);

/// <summary>
/// Sits between the server's registry client and the network (through <c>RegistryOptions.WrapHandler</c>): records every
/// request and can hold ranged GETs back (<see cref="Gate"/>) so a test can cancel a pull at a known point.
/// </summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Awaited before a ranged GET is sent: (first byte, token).</summary>
    public Func<long, CancellationToken, Task>? Gate { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var range = request.Headers.Range?.Ranges.FirstOrDefault();
        if (range?.From is { } from && Gate is { } gate)
        {
            await gate(from, cancellationToken);
        }

        var contentRange = request.Content?.Headers.TryGetValues("Content-Range", out var values) == true ? values.FirstOrDefault() : null;
        var response = await base.SendAsync(request, cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, range?.From, range?.To, contentRange, (int)response.StatusCode));
        return response;
    }
}
