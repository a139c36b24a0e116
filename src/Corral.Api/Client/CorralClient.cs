using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Api.Models;
using Corral.Api.Serialization;

namespace Corral.Api.Client;

/// <summary>
/// A client of the native API. Streaming calls return <see cref="IAsyncEnumerable{T}"/> and end with the
/// <c>done</c> line; an error line in a stream is thrown as <see cref="CorralApiException"/>.
/// </summary>
public sealed class CorralClient : IDisposable
{
    private static readonly ApiJsonContext Json = ApiJsonContext.Default;
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    public CorralClient(Uri baseAddress)
        : this(new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan }, ownsHttp: true)
    {
    }

    public CorralClient(HttpClient http, bool ownsHttp = false)
    {
        _http = http;
        _ownsHttp = ownsHttp;
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    /// <summary>True when a server answers at the base address.</summary>
    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync("/", cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public Task<VersionResponse> VersionAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiRoutes.Version, Json.VersionResponse, cancellationToken);

    public Task<ListResponse> ListAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiRoutes.Tags, Json.ListResponse, cancellationToken);

    public Task<ProcessResponse> PsAsync(CancellationToken cancellationToken = default) =>
        GetAsync(ApiRoutes.Ps, Json.ProcessResponse, cancellationToken);

    public Task<ShowResponse> ShowAsync(ShowRequest request, CancellationToken cancellationToken = default) =>
        PostAsync(ApiRoutes.Show, request, Json.ShowRequest, Json.ShowResponse, cancellationToken);

    public async Task CopyAsync(CopyRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, ApiRoutes.Copy, request, Json.CopyRequest, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task DeleteAsync(DeleteRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, ApiRoutes.Delete, request, Json.DeleteRequest, cancellationToken)
            .ConfigureAwait(false);
    }

    public Task<EmbedResponse> EmbedAsync(EmbedRequest request, CancellationToken cancellationToken = default) =>
        PostAsync(ApiRoutes.Embed, request, Json.EmbedRequest, Json.EmbedResponse, cancellationToken);

    public IAsyncEnumerable<GenerateResponse> GenerateAsync(GenerateRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync(ApiRoutes.Generate, request, Json.GenerateRequest, Json.GenerateResponse, cancellationToken);

    public IAsyncEnumerable<ChatResponse> ChatAsync(ChatRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync(ApiRoutes.Chat, request, Json.ChatRequest, Json.ChatResponse, cancellationToken);

    public IAsyncEnumerable<ProgressResponse> CreateAsync(CreateRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync(ApiRoutes.Create, request, Json.CreateRequest, Json.ProgressResponse, cancellationToken);

    public IAsyncEnumerable<ProgressResponse> PullAsync(PullRequest request, CancellationToken cancellationToken = default) =>
        StreamAsync(ApiRoutes.Pull, request, Json.PullRequest, Json.ProgressResponse, cancellationToken);

    /// <summary><c>HEAD /api/blobs/:digest</c>: whether the server already has a blob.</summary>
    public async Task<bool> BlobExistsAsync(string digest, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, $"{ApiRoutes.Blobs}/{Uri.EscapeDataString(digest)}");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary><c>POST /api/blobs/:digest</c>: uploads a blob; the server checks the digest.</summary>
    public async Task PushBlobAsync(string digest, Stream content, CancellationToken cancellationToken = default)
    {
        using var body = new StreamContent(content, 1 << 20);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.PostAsync($"{ApiRoutes.Blobs}/{Uri.EscapeDataString(digest)}", body, cancellationToken)
            .ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse> GetAsync<TResponse>(string path, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, responseType, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse> PostAsync<TRequest, TResponse>(
        string path, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, path, request, requestType, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, responseType, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<TResponse> StreamAsync<TRequest, TResponse>(
        string path, TRequest request, JsonTypeInfo<TRequest> requestType, JsonTypeInfo<TResponse> responseType,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent(request, requestType),
        };
        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in Ndjson.ReadAsync(stream, responseType, cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private async Task<HttpResponseMessage> SendAsync<TRequest>(
        HttpMethod method, string path, TRequest request, JsonTypeInfo<TRequest> requestType, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, path) { Content = JsonContent(request, requestType) };
        var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static ByteArrayContent JsonContent<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("the server sent an empty body");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = response.Content is null ? "" : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = text;
        try
        {
            if (JsonSerializer.Deserialize(text, Json.ErrorResponse) is { Error.Length: > 0 } error)
            {
                message = error.Error;
            }
        }
        catch (JsonException)
        {
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        }

        throw new CorralApiException(response.StatusCode, message);
    }
}
