using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Api.Client;
using Corral.Routing.Log;

namespace Corral.Cli.Commands;

/// <summary>HTTP calls to the server's router log API (<c>/api/router/log*</c>); a failure is thrown as
/// <see cref="CorralApiException"/> with the server's message.</summary>
internal sealed class LogClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };

    public async Task<IReadOnlyList<AttemptRecord>> RecordsAsync(RouterLogQuery query, CancellationToken cancellationToken) =>
        (await GetJsonAsync("/api/router/log" + query.ToQueryString(), RouterLogJsonContext.Default.RouterLogRecords, cancellationToken)
            .ConfigureAwait(false)).Records;

    public async Task<IReadOnlyList<AttemptPair>> PairsAsync(RouterLogQuery query, CancellationToken cancellationToken) =>
        (await GetJsonAsync("/api/router/log/pairs" + query.ToQueryString(), RouterLogJsonContext.Default.RouterLogPairs, cancellationToken)
            .ConfigureAwait(false)).Pairs;

    public Task<RouterLogSummary> SummaryAsync(RouterLogQuery query, CancellationToken cancellationToken) =>
        GetJsonAsync("/api/router/log/summary" + query.ToQueryString(), RouterLogJsonContext.Default.RouterLogSummary, cancellationToken);

    /// <summary>Streams <c>/api/router/log/export</c> into a file.</summary>
    public async Task ExportAsync(RouterLogQuery query, string format, Stream destination, CancellationToken cancellationToken)
    {
        using var response = await ExportResponseAsync(query, format, cancellationToken).ConfigureAwait(false);
        await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Streams <c>/api/router/log/export</c> into a writer (standard output).</summary>
    public async Task ExportAsync(RouterLogQuery query, string format, TextWriter destination, CancellationToken cancellationToken)
    {
        using var response = await ExportResponseAsync(query, format, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var buffer = new char[16 * 1024];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> ExportResponseAsync(RouterLogQuery query, string format, CancellationToken cancellationToken)
    {
        var path = "/api/router/log/export" + query.ToQueryString();
        path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "format=" + Uri.EscapeDataString(format);
        var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
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

    private async Task<T> GetJsonAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("the server sent an empty body");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var message = await BundleErrors.MessageAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound && !message.Contains("router", StringComparison.Ordinal))
        {
            message = "this server has no router log API (it may be older than this CLI)";
        }

        throw new CorralApiException(response.StatusCode, message);
    }
}
