namespace Corral.Routing.Log;

/// <summary>Accumulates one route/provider group of a <see cref="RouterLogSummary"/>.</summary>
internal sealed class RouterLogSummarizer(string route, string provider)
{
    private readonly Dictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly List<double> _durations = [];
    private readonly List<double> _ttfts = [];
    private int _served;
    private int _fallbacks;
    private long _tokensIn;
    private long _tokensOut;
    private decimal _cost;
    private decimal _costAvoided;

    public string Route => route;

    public string Provider => provider;

    public void Add(AttemptRecord record)
    {
        _durations.Add(record.DurationMs);
        if (record.TimeToFirstTokenMs is { } ttft)
        {
            _ttfts.Add(ttft);
        }

        if (record.ErrorClass is { } error)
        {
            _errors[error] = _errors.GetValueOrDefault(error) + 1;
        }

        _served += record.Served ? 1 : 0;
        _fallbacks += record.Reason.StartsWith("fallback", StringComparison.Ordinal) ? 1 : 0;
        _tokensIn += record.TokensIn ?? 0;
        _tokensOut += record.TokensOut ?? 0;
        _cost += record.CostUsd ?? 0;
        _costAvoided += record.CostAvoidedUsd ?? 0;
    }

    public RouteProviderSummary Build()
    {
        _durations.Sort();
        _ttfts.Sort();
        return new RouteProviderSummary
        {
            Route = route,
            Provider = provider,
            Calls = _durations.Count,
            Served = _served,
            Errors = new SortedDictionary<string, int>(_errors, StringComparer.Ordinal),
            Fallbacks = _fallbacks,
            TokensIn = _tokensIn,
            TokensOut = _tokensOut,
            CostUsd = _cost,
            CostAvoidedUsd = _costAvoided,
            DurationP50Ms = Percentile(_durations, 0.50) ?? 0,
            DurationP95Ms = Percentile(_durations, 0.95) ?? 0,
            TtftP50Ms = Percentile(_ttfts, 0.50),
            TtftP95Ms = Percentile(_ttfts, 0.95),
        };
    }

    /// <summary>Nearest-rank percentile of sorted values; null when there are none.</summary>
    internal static double? Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
