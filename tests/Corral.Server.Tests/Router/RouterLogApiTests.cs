using System.Net;
using System.Text.Json;
using Corral.Cli;
using Corral.Routing.Log;
using Corral.Server.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Tests.Router;

public sealed class RouterLogApiTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "corral-logsmoke-" + Guid.NewGuid().ToString("N"));
    private SqliteRouterLog _log = null!;
    private WebApplication _app = null!;
    private WebApplication _bare = null!;
    private HttpClient _http = null!;
    private Uri _bareUri = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _log = new SqliteRouterLog(new SqliteRouterLogOptions { DatabasePath = Path.Combine(_dir, "router.db") });
        var t = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        AttemptRecord R(string id, int attempt, string reason, string provider, bool served, int sec, string? pair = null, string? error = null) => new()
        {
            Timestamp = t.AddSeconds(sec), RequestId = id, Attempt = attempt, Route = "smart", Reason = reason, Protocol = "openai",
            Provider = provider, Model = provider == "local" ? "qwen3:8b" : "claude-sonnet-4-5", Served = served, PairId = pair,
            ErrorClass = error, Status = error is null ? null : 429, DurationMs = 1234.5, TimeToFirstTokenMs = 321, TokensIn = 100, TokensOut = 20,
            CostUsd = provider == "local" ? 0 : 0.00123m, OutputHash = new string(provider == "local" ? 'b' : 'a', 64), Output = "an answer, with \"quotes\"",
        };
        _log.Append(R("req-1", 1, "primary", "anthropic", false, 0, "pair-1", "rate_limited"));
        _log.Append(R("req-1", 2, "fallback:rate_limited", "anthropic", true, 1, "pair-1"));
        _log.Append(R("req-1-shadow", 1, "shadow", "local", false, 2, "pair-1"));
        _log.Append(R("req-2", 1, "fast_path:task=classify", "local", true, 3));
        await _log.FlushAsync(Ct);
        (_app, var uri) = await StartAsync(services => services.AddSingleton<IRouterLogReader>(_log));
        (_bare, _bareUri) = await StartAsync(_ => { });
        _http = new HttpClient { BaseAddress = uri };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        await _bare.DisposeAsync();
        await _log.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task The_log_lists_filters_and_validates()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync("/api/router/log?reason=fallback", Ct));
        var records = doc.RootElement.GetProperty("records");
        Assert.Equal(1, records.GetArrayLength());
        Assert.Equal("req-1", records[0].GetProperty("request_id").GetString());
        Assert.Equal(0.00123m, records[0].GetProperty("cost_usd").GetDecimal());

        foreach (var (query, message) in new[]
        {
            ("limit=0", "'limit' must be a whole number from 1 to 10000"), ("limit=10001", "from 1 to 10000"), ("bogus=1", "unknown query parameter 'bogus'"),
            ("since=soon", "'since' must be an RFC 3339"), ("route=a&route=b", "more than once"), ("errors", "'errors' is empty"),
        })
        {
            using var response = await _http.GetAsync("/api/router/log?" + query, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Contains(message, error.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Pairs_summary_and_exports()
    {
        using var pairs = JsonDocument.Parse(await _http.GetStringAsync("/api/router/log/pairs", Ct));
        var pair = Assert.Single(pairs.RootElement.GetProperty("pairs").EnumerateArray());
        Assert.Equal("pair-1", pair.GetProperty("pair_id").GetString());
        Assert.Equal("local", pair.GetProperty("shadow").GetProperty("provider").GetString());

        using var summary = JsonDocument.Parse(await _http.GetStringAsync("/api/router/log/summary", Ct));
        Assert.Equal(2, summary.RootElement.GetProperty("groups").GetArrayLength());

        var jsonl = await _http.GetStringAsync("/api/router/log/export", Ct);
        var lines = jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.NotNull(JsonSerializer.Deserialize(l, RouterLogJsonContext.Default.AttemptRecord)));

        using var csv = await _http.GetAsync("/api/router/log/export?format=csv&provider=local", Ct);
        Assert.Equal("text/csv; charset=utf-8", csv.Content.Headers.ContentType?.ToString());
        var text = await csv.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith(AttemptCsv.Header, text, StringComparison.Ordinal);
        Assert.Equal(4, text.Split("\r\n").Length); // header, 2 rows, trailing empty

        using var bad = await _http.GetAsync("/api/router/log/export?format=xml", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Without_a_router_every_endpoint_is_404_with_the_native_error()
    {
        using var http = new HttpClient { BaseAddress = _bareUri };
        foreach (var path in new[] { "/api/router/log", "/api/router/log/pairs", "/api/router/log/summary", "/api/router/log/export?format=csv" })
        {
            using var response = await http.GetAsync(path, Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("{\"error\":\"router is not configured (set CORRAL_ROUTES)\"}", await response.Content.ReadAsStringAsync(Ct));
        }
    }

    [Fact]
    public async Task The_cli_prints_tables_compares_and_exports()
    {
        var (code, output, error) = await CliAsync(_http.BaseAddress!, "log", "--route", "smart");
        Assert.True(code == 0, error);
        Assert.Contains("TIME", output, StringComparison.Ordinal);
        Assert.Contains("rate_limited (429)", output, StringComparison.Ordinal);
        Assert.Contains("1235", output, StringComparison.Ordinal);
        Assert.Contains("fallback:rate_limited", output, StringComparison.Ordinal);
        Assert.Contains("$0.00123", output, StringComparison.Ordinal);

        (code, output, error) = await CliAsync(_http.BaseAddress!, "log", "compare");
        Assert.True(code == 0, error);
        Assert.Contains("pair pair-1", output, StringComparison.Ordinal);
        Assert.Contains("PRIMARY", output, StringComparison.Ordinal);
        Assert.Contains("local/qwen3:8b", output, StringComparison.Ordinal);

        (code, output, error) = await CliAsync(_http.BaseAddress!, "log", "--json", "--limit", "2");
        Assert.True(code == 0, error);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal(2, doc.RootElement.GetProperty("records").GetArrayLength());
        }

        var file = Path.Combine(_dir, "out.csv");
        (code, _, error) = await CliAsync(_http.BaseAddress!, "log", "export", "--format", "csv", "-o", file);
        Assert.True(code == 0, error);
        Assert.StartsWith(AttemptCsv.Header, await File.ReadAllTextAsync(file, Ct), StringComparison.Ordinal);

        (code, output, _) = await CliAsync(_http.BaseAddress!, "log", "export");
        Assert.Equal(4, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        (code, output, _) = await CliAsync(_http.BaseAddress!, "log", "summary");
        Assert.Contains("rate_limited=1", output, StringComparison.Ordinal);

        (code, _, error) = await CliAsync(_http.BaseAddress!, "log", "--limit", "0");
        Assert.Equal(1, code);
        Assert.Contains("Error: --limit must be a whole number from 1 to 10000", error, StringComparison.Ordinal);

        (code, _, error) = await CliAsync(_bareUri, "log");
        Assert.Equal(1, code);
        Assert.Equal("Error: router is not configured (set CORRAL_ROUTES)\n", error.Replace("\r", "", StringComparison.Ordinal));
    }

    private static Task<(int Code, string Out, string Err)> CliAsync(Uri server, params string[] args) => Cli.CliHarness.RunAsync(server, args);

    private static async Task<(WebApplication App, Uri Uri)> StartAsync(Action<IServiceCollection> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        configure(builder.Services);
        var app = builder.Build();
        app.MapGet("/", () => Results.Text("Corral is running"));
        app.MapRouterLogApi();
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
