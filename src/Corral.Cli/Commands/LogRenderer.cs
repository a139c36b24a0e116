using System.Globalization;
using System.Text;
using Corral.Cli.Rendering;
using Corral.Routing.Log;

namespace Corral.Cli.Commands;

/// <summary>Tables for <c>corral log</c>: one line per attempt, pairs side by side, and the per-route summary.</summary>
internal static class LogRenderer
{
    /// <summary>Answers longer than this are cut in the compare view (the export has them whole).</summary>
    public const int MaxAnswerChars = 400;

    public static string Records(IReadOnlyList<AttemptRecord> records)
    {
        if (records.Count == 0)
        {
            return "no log records match\n";
        }

        var rows = records.Select(r => (IReadOnlyList<string>)
        [
            Time(r.Timestamp), ShortId(r.RequestId) + (r.Attempt > 1 ? "/" + Int(r.Attempt) : ""), r.Route, r.Task ?? "-", r.Reason,
            r.Provider + "/" + r.Model, Outcome(r), Tokens(r), Ms(r.TimeToFirstTokenMs), Ms(r.DurationMs), Cost(r.CostUsd),
        ]).ToList();
        return new TableRenderer { MaxColumnWidth = 40 }.Render(
            ["TIME", "REQUEST", "ROUTE", "TASK", "REASON", "TARGET", "STATUS", "TOKENS IN/OUT", "TTFT MS", "DURATION MS", "COST"], rows);
    }

    public static string Pairs(IReadOnlyList<AttemptPair> pairs)
    {
        if (pairs.Count == 0)
        {
            return "no shadowed calls match\n";
        }

        var sb = new StringBuilder();
        var table = new TableRenderer { MaxColumnWidth = 60 };
        foreach (var pair in pairs)
        {
            var (p, s) = (pair.Primary, pair.Shadow);
            sb.Append(CultureInfo.InvariantCulture, $"pair {pair.PairId}  route {pair.Route}  {Time(p.Timestamp)}\n");
            IReadOnlyList<IReadOnlyList<string>> rows =
            [
                ["target", p.Provider + "/" + p.Model, s.Provider + "/" + s.Model],
                ["request", p.RequestId, s.RequestId],
                ["reason", p.Reason, s.Reason],
                ["status", Outcome(p), Outcome(s)],
                ["tokens in/out", Tokens(p), Tokens(s)],
                ["ttft ms", Ms(p.TimeToFirstTokenMs), Ms(s.TimeToFirstTokenMs)],
                ["duration ms", Ms(p.DurationMs), Ms(s.DurationMs)],
                ["cost", Cost(p.CostUsd), Cost(s.CostUsd)],
                ["schema ok", Flag(p.SchemaOk), Flag(s.SchemaOk)],
                ["answer", Answer(p), Answer(s)],
                ["same answer", Same(p, s), ""],
            ];
            sb.Append(table.Render(["", "PRIMARY", "SHADOW"], rows)).Append('\n');
        }

        return sb.ToString();
    }

    public static string Summary(RouterLogSummary summary)
    {
        if (summary.Groups.Count == 0)
        {
            return "no log records match\n";
        }

        var rows = summary.Groups.Select(g => (IReadOnlyList<string>)
        [
            g.Route, g.Provider, Int(g.Calls), Int(g.Served), Errors(g.Errors), Int(g.Fallbacks),
            $"{g.TokensIn.ToString(CultureInfo.InvariantCulture)}/{g.TokensOut.ToString(CultureInfo.InvariantCulture)}",
            Cost(g.CostUsd), Cost(g.CostAvoidedUsd), $"{Ms(g.DurationP50Ms)}/{Ms(g.DurationP95Ms)}",
            $"{Ms(g.TtftP50Ms)}/{Ms(g.TtftP95Ms)}",
        ]).ToList();
        return new TableRenderer { MaxColumnWidth = 40 }.Render(
            ["ROUTE", "PROVIDER", "CALLS", "SERVED", "ERRORS", "FALLBACKS", "TOKENS IN/OUT", "COST", "COST AVOIDED",
             "DURATION P50/P95 MS", "TTFT P50/P95 MS"], rows);
    }

    /// <summary><c>served</c>, <c>ok</c> (answered, not served: a shadow or an escalated fast path), or the error
    /// class with the upstream status.</summary>
    public static string Outcome(AttemptRecord r) => r switch
    {
        { ErrorClass: { } error, Status: { } status } => $"{error} ({Int(status)})",
        { ErrorClass: { } error } => error,
        { Served: true } => "served",
        _ => "ok",
    };

    /// <summary>The answer text (first <see cref="MaxAnswerChars"/> characters) or, when only hashes are logged, the
    /// hash's first 12 hex digits.</summary>
    public static string Answer(AttemptRecord r) => r switch
    {
        { Output: { } text } => text.Length > MaxAnswerChars ? text[..MaxAnswerChars] + "…" : text,
        { OutputHash: { } hash } => "sha256:" + (hash.Length > 12 ? hash[..12] : hash),
        { Error: { } error } => "(error: " + error + ")",
        _ => "-",
    };

    /// <summary>Compares the hashes (or texts) of both answers.</summary>
    private static string Same(AttemptRecord p, AttemptRecord s) =>
        p.OutputHash is { } a && s.OutputHash is { } b ? (a == b ? "yes" : "no")
        : p.Output is { } x && s.Output is { } y ? (x == y ? "yes" : "no")
        : "-";

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string ShortId(string id) => id.Length > 8 ? id[..8] : id;

    public static string Cost(decimal? usd) => usd switch
    {
        null => "-",
        0 => "$0",
        var v when Math.Abs(v.Value) >= 0.01m => "$" + Math.Round(v.Value, 4).ToString("0.####", CultureInfo.InvariantCulture),
        var v => "$" + Math.Round(v.Value, 8).ToString("0.########", CultureInfo.InvariantCulture),
    };

    private static string Tokens(AttemptRecord r) =>
        r.TokensIn is null && r.TokensOut is null ? "-" : $"{Int(r.TokensIn)}/{Int(r.TokensOut)}";

    private static string Ms(double? ms) => ms is { } v ? Math.Round(v, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) : "-";

    private static string Int(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Flag(bool? value) => value switch { true => "yes", false => "no", null => "-" };

    private static string Errors(IReadOnlyDictionary<string, int> errors) =>
        errors.Count == 0 ? "-" : string.Join(" ", errors.Select(e => $"{e.Key}={Int(e.Value)}"));
}
