using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Corral.Core.Registry;

/// <summary>
/// Typed HTTP client for Docker distribution v2 registries: Bearer auth (one retry after a 401, credentials only to the
/// registry's own host), manual redirect following (credentials never forwarded to another host), scheme checks.
/// Its <see cref="HttpClient"/> should use <see cref="RegistryHostPolicy.CreateHandler"/>.
/// </summary>
public sealed class RegistryClient(HttpClient http, RegistryOptions options)
{
    private const int MaxRedirects = 5;
    private const int MaxTokenBytes = 64 << 10;
    private readonly ConcurrentDictionary<(string Authority, string Scope), string> _tokens = new();
    private readonly Lock _keyLock = new();
    private OllamaKey? _key;

    /// <summary>The options this client obeys.</summary>
    public RegistryOptions Options => options;

    /// <summary>Sends a request; the caller disposes the response (headers read, body not yet).</summary>
    public async Task<HttpResponseMessage> SendAsync(RegistryEndpoint endpoint, RegistryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.Uri;
        var authTried = false;
        for (var redirects = 0; ; )
        {
            CheckTarget(endpoint, uri);
            var sameOrigin = endpoint.IsSameOrigin(uri);
            var scope = endpoint.Scope(request.Push);
            using var message = new HttpRequestMessage(request.Method, uri) { Content = request.Content?.Invoke() };
            message.Headers.UserAgent.ParseAdd("corral/1.0");
            request.Headers?.Invoke(message);
            if (sameOrigin && _tokens.TryGetValue((endpoint.Authority, scope), out var token))
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            var response = await SendRawAsync(message, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && sameOrigin && !authTried
                && BearerChallenge.Parse(response.Headers.WwwAuthenticate.ToString()) is { } challenge)
            {
                response.Dispose();
                authTried = true;
                _tokens[(endpoint.Authority, scope)] = await FetchTokenAsync(endpoint, challenge, scope, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (request.FollowRedirects && (int)response.StatusCode is 301 or 302 or 303 or 307 or 308
                && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (++redirects > MaxRedirects)
                {
                    throw RegistryException.Invalid("too many redirects from the registry");
                }

                uri = new Uri(uri, location);
                continue;
            }

            return response;
        }
    }

    /// <summary>Reads a body of at most <paramref name="limit"/> bytes; more (declared or actual) is refused.</summary>
    public static async Task<byte[]> ReadBoundedAsync(HttpContent content, int limit, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Headers.ContentLength > limit)
        {
            throw RegistryException.Invalid($"{what} is larger than {limit} bytes");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[Math.Min(limit + 1, (int)(content.Headers.ContentLength ?? 64 << 10) + 1)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > limit)
                {
                    throw RegistryException.Invalid($"{what} is larger than {limit} bytes");
                }

                Array.Resize(ref buffer, Math.Min(limit + 1, buffer.Length * 2));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer[..total];
            }

            total += read;
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is RegistryException refused)
        {
            throw new RegistryException(refused.Kind, refused.Message, e);
        }
    }

    private void CheckTarget(RegistryEndpoint endpoint, Uri uri)
    {
        if (uri.Scheme == "http" && !endpoint.Insecure)
        {
            throw RegistryException.Refused("insecure protocol http");
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw RegistryException.Invalid("the registry redirected to an unsupported URL scheme");
        }

        if (RegistryHostPolicy.RefuseName(uri.Host, options.AllowPrivateAddresses) is { } refused)
        {
            throw RegistryException.Refused(refused);
        }
    }

    private OllamaKey Key()
    {
        lock (_keyLock)
        {
            try
            {
                return _key ??= OllamaKey.LoadOrCreate(options.KeyPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                // The message names what is wrong with the key, never where it is.
                throw new RegistryException(Errors.ErrorKind.Internal, $"registry authorization failed: cannot use the Ollama key ({(e as InvalidDataException)?.Message ?? e.GetType().Name})", e);
            }
        }
    }

    private async Task<string> FetchTokenAsync(RegistryEndpoint endpoint, BearerChallenge challenge, string scope, CancellationToken cancellationToken)
    {
        var tokenUri = challenge.TokenUri(scope);
        var sameOrigin = endpoint.IsSameOrigin(tokenUri);
        string? basic = null, signature = null;
        if (sameOrigin && options.Credentials.TryGetValue(endpoint.Authority, out var credentials))
        {
            basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
        }
        else if (sameOrigin && options.KeySignedRegistries.Contains(endpoint.Authority))
        {
            (tokenUri, var data) = SignedTokenRequest.Build(challenge, scope, DateTimeOffset.UtcNow);
            signature = Key().Sign(data);
        }

        CheckTarget(endpoint, tokenUri);
        using var message = new HttpRequestMessage(HttpMethod.Get, tokenUri);
        message.Headers.UserAgent.ParseAdd("corral/1.0");
        if (basic is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        }
        else if (signature is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", signature);
        }

        using var response = await SendRawAsync(message, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RegistryException(Errors.ErrorKind.Internal, $"registry authorization failed: {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var body = await ReadBoundedAsync(response.Content, MaxTokenBytes, "token response", cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(body);
            foreach (var name in (string[])["token", "access_token"])
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.GetString() is { Length: > 0 } token)
                {
                    return token;
                }
            }
        }
        catch (JsonException)
        {
        }

        throw RegistryException.Invalid("registry authorization failed: no token in the realm's answer");
    }
}
