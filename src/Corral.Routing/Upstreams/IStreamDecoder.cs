using Corral.Api.Models;

namespace Corral.Routing.Upstreams;

/// <summary>Turns one vendor's SSE lines into native chunks. Stateful: one per attempt.</summary>
internal interface IStreamDecoder
{
    /// <summary>Reads one line (no line ending). Returns the native chunk the line completes, or null (an event
    /// line, a ping, a fragment of a tool call...). Throws <see cref="UpstreamException"/> for an in-band error or a
    /// malformed event.</summary>
    ChatResponse? Decode(ReadOnlySpan<byte> line);

    /// <summary>The final (done) chunk was returned: the answer is complete.</summary>
    bool Done { get; }
}
