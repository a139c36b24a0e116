using System.Text.Json;

namespace Corral.TestKit.Upstreams;

/// <summary>A request <see cref="FakeUpstream"/> received. Header names are lower-case.</summary>
public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body parsed (throws if it was not JSON).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
