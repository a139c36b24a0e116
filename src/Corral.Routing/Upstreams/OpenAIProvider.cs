using System.Net.Http.Headers;
using Corral.Api.Models;
using Corral.Routing.Configuration;

namespace Corral.Routing.Upstreams;

/// <summary>OpenAI's Chat Completions API or any compatible server (<c>POST {base_url}/chat/completions</c>, Bearer
/// key, streamed with usage). See <see cref="OpenAIRequestBuilder"/> and <see cref="OpenAIStreamDecoder"/>.</summary>
public sealed class OpenAIProvider : IChatProvider, IDisposable
{
    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1");

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string? _secret;
    private readonly TimeProvider _time;

    /// <param name="config">Name, base URL (default <see cref="DefaultBaseUrl"/>; include <c>/v1</c>), key (optional
    /// for servers without auth), extra headers, connect budget.</param>
    /// <param name="handler">Replaces the default <see cref="SocketsHttpHandler"/> (tests); not disposed by the provider.</param>
    public OpenAIProvider(ProviderConfig config, TimeProvider time, HttpMessageHandler? handler = null)
    {
        Name = config.Name;
        _time = time;
        _secret = config.ApiKey?.Reveal();
        _endpoint = Endpoints.Combine(config.BaseUrl ?? DefaultBaseUrl, "chat/completions");
        _http = UpstreamHttp.CreateClient(config.Timeouts.Connect, time, handler);
        var headers = _http.DefaultRequestHeaders;
        foreach (var (name, value) in config.Headers)
        {
            headers.TryAddWithoutValidation(name, value);
        }

        if (!string.IsNullOrEmpty(_secret))
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", _secret);
        }

        headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
    }

    public string Name { get; }

    public bool IsLocal => false;

    public IAsyncEnumerable<ChatResponse> StreamAsync(ChatRequest request, TargetTimeouts timeouts, CancellationToken cancellationToken)
    {
        var decoder = new OpenAIStreamDecoder(request.Model ?? "", Name, _secret, _time);
        return UpstreamCall.StreamAsync(_http, Build, decoder, Name, _secret, _time, timeouts, cancellationToken);

        HttpRequestMessage Build() =>
            new(HttpMethod.Post, _endpoint) { Content = Endpoints.Json(OpenAIRequestBuilder.Build(request, Name)) };
    }

    public void Dispose() => _http.Dispose();
}
