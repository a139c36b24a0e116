using System.Globalization;
using System.Text;

namespace Corral.Routing.Log;

/// <summary>RFC 4180 CSV of log rows: a header of the JSON field names, then one line per record; instants as
/// RFC 3339 UTC, numbers invariant, empty cells for nulls.</summary>
public static class AttemptCsv
{
    /// <summary>The header line, ending in CRLF.</summary>
    public static string Header { get; } = string.Join(",", AttemptColumns.Names) + "\r\n";

    /// <summary>One record's line, ending in CRLF.</summary>
    public static string Line(AttemptRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        string?[] cells =
        [
            r.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), r.RequestId, Num(r.Attempt), r.PairId,
            r.Route, r.Reason, r.Protocol, r.Provider, r.Model, r.Served ? "true" : "false", r.ErrorClass, Num(r.Status),
            r.Error, Num(r.TokensIn), Num(r.TokensOut), Num(r.TokensCached), Num(r.TimeToFirstTokenMs), Num(r.DurationMs),
            Num(r.CostUsd), Num(r.CostAvoidedUsd), r.FinishReason, r.SchemaOk is { } ok ? (ok ? "true" : "false") : null,
            r.PromptHash, r.OutputHash, r.Prompt, r.Output, r.Task,
        ];
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            Escape(sb, cells[i]);
        }

        return sb.Append("\r\n").ToString();
    }

    private static string? Num<T>(T? value) where T : struct, IFormattable =>
        value?.ToString(null, CultureInfo.InvariantCulture);

    private static string Num<T>(T value) where T : struct, IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static void Escape(StringBuilder sb, string? cell)
    {
        if (cell is null)
        {
            return;
        }

        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            sb.Append(cell);
            return;
        }

        sb.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
