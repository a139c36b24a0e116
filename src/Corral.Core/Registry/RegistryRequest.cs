namespace Corral.Core.Registry;

/// <summary>One logical request to a registry; <see cref="Content"/> is a factory so the request can be re-sent after auth.</summary>
public sealed record RegistryRequest(HttpMethod Method, Uri Uri)
{
    /// <summary>Creates the body for each attempt (null: no body).</summary>
    public Func<HttpContent>? Content { get; init; }

    /// <summary>Extra headers (Accept, Range, Content-Range...).</summary>
    public Action<HttpRequestMessage>? Headers { get; init; }

    /// <summary>Follow 3xx redirects (to other hosts without credentials).</summary>
    public bool FollowRedirects { get; init; }

    /// <summary>Ask for a push-scoped token when challenged.</summary>
    public bool Push { get; init; }
}
