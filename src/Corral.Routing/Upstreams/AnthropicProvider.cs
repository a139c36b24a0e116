using System.Net.Http.Headers;
using Corral.Api.Models;
using Corral.Routing.Configuration;

namespace Corral.Routing.Upstreams;

/// <summary>Anthropic's Messages API (<c>POST {base_url}/v1/messages</c>, streamed). See
/// <see cref="AnthropicRequestBuilder"/> for the request and <see cref="AnthropicStreamDecoder"/> for the answer.</summary>
public sealed partial class AnthropicProvider : IChatProvider, IDisposable
{
    public static readonly Uri DefaultBaseUrl = new("https://api.anthropic.com");

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string? _secret;
    private readonly TimeProvider _time;

    /// <param name="config">Name, base URL (default <see cref="DefaultBaseUrl"/>; a base ending in <c>/v1</c> is taken as
    /// is), key, extra headers, connect budget.</param>
    /// <param name="handler">Replaces the default <see cref="SocketsHttpHandler"/> (tests); not disposed by the provider.</param>
    public AnthropicProvider(ProviderConfig config, TimeProvider time, HttpMessageHandler? handler = null)
    {
        Name = config.Name;
        _time = time;
        _secret = config.ApiKey?.Reveal();
        var baseUrl = config.BaseUrl ?? DefaultBaseUrl;
        _endpoint = Endpoints.Combine(baseUrl, baseUrl.AbsolutePath.TrimEnd('/').EndsWith("/v1", StringComparison.Ordinal) ? "messages" : "v1/messages");
        _http = UpstreamHttp.CreateClient(config.Timeouts.Connect, time, handler);
        var headers = _http.DefaultRequestHeaders;
        foreach (var (name, value) in config.Headers)
        {
            headers.TryAddWithoutValidation(name, value);
        }

        if (!headers.Contains("anthropic-version"))
        {
            headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        }

        if (!string.IsNullOrEmpty(_secret))
        {
            headers.Remove("x-api-key");
            headers.TryAddWithoutValidation("x-api-key", _secret);
        }

        headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
    }

    public string Name { get; }

    public bool IsLocal => false;

    public IAsyncEnumerable<ChatResponse> StreamAsync(ChatRequest request, TargetTimeouts timeouts, CancellationToken cancellationToken)
    {
        var decoder = new AnthropicStreamDecoder(request.Model ?? "", Name, _secret, _time);
        return UpstreamCall.StreamAsync(_http, Build, decoder, Name, _secret, _time, timeouts, cancellationToken);

        HttpRequestMessage Build() =>
            new(HttpMethod.Post, _endpoint) { Content = Endpoints.Json(AnthropicRequestBuilder.Build(request, Name)) };
    }

    public void Dispose() => _http.Dispose();
}
