using Corral.Routing.Log;
using Microsoft.Extensions.Logging;

namespace Corral.Routing.Tests.Log;

/// <summary>A temporary directory removed after the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "corral-routerlog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Collects log entries for assertions.</summary>
internal sealed class ListLogger : ILogger<SqliteRouterLog>
{
    private readonly List<(LogLevel Level, string Message, Exception? Error)> _entries = [];

    public IReadOnlyList<(LogLevel Level, string Message, Exception? Error)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_entries)
        {
            _entries.Add((logLevel, formatter(state, exception), exception));
        }
    }
}

internal static class Records
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static AttemptRecord Make(
        string requestId = "req-1", int attempt = 1, string route = "smart", string reason = "primary",
        string provider = "anthropic", string model = "claude-sonnet-4-5", bool served = true, DateTimeOffset? at = null,
        string? pairId = null, string? errorClass = null, double durationMs = 100) => new()
        {
            Timestamp = at ?? T0,
            RequestId = requestId,
            Attempt = attempt,
            Route = route,
            Reason = reason,
            Protocol = "openai",
            Provider = provider,
            Model = model,
            Served = served,
            PairId = pairId,
            ErrorClass = errorClass,
            DurationMs = durationMs,
        };

    /// <summary>Every member set, with values that a lossy store would change.</summary>
    public static AttemptRecord Full() => new()
    {
        Timestamp = new DateTimeOffset(2026, 3, 1, 12, 34, 56, TimeSpan.Zero).AddTicks(1234567),
        RequestId = "req-full",
        Attempt = 2,
        PairId = "pair-9",
        Route = "smart",
        Reason = "fallback:rate_limited",
        Protocol = "anthropic",
        Provider = "openai",
        Model = "gpt-4o-mini",
        Served = true,
        ErrorClass = "stream_cut",
        Status = 529,
        Error = "upstream said \"no\", twice,\nthen hung up",
        TokensIn = 123456,
        TokensOut = 789,
        TokensCached = 64,
        TimeToFirstTokenMs = 123.456789012345,
        DurationMs = 9876.54321098765,
        CostUsd = 0.0000012345678901234567890123m,
        CostAvoidedUsd = 12345.678901234567890m,
        FinishReason = "length",
        SchemaOk = false,
        PromptHash = new string('a', 64),
        OutputHash = new string('b', 64),
        Prompt = """[{"role":"user","content":"héllo ✓"}]""",
        Output = "answer with 'quotes', commas and ünïcode 🐂",
        Task = "classify",
    };

    public static SqliteRouterLogOptions Options(TempDirectory dir, string? jsonl = null) =>
        new() { DatabasePath = dir.File("router.db"), JsonlPath = jsonl };
}
