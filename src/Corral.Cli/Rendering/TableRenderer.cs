using System.Text;

namespace Corral.Cli.Rendering;

/// <summary>
/// Renders tables the way Ollama's tablewriter setup does (no borders, no header line, left aligned,
/// columns separated by four spaces): every cell is padded to its column's width and followed by the
/// padding, so rows carry trailing spaces exactly like <c>ollama list</c>; the header's last cell is
/// followed by a single space. Cells wider than <see cref="MaxColumnWidth"/> are word-wrapped onto extra lines.
/// </summary>
public sealed class TableRenderer
{
    /// <summary>The column separator (tablewriter's <c>SetTablePadding</c>).</summary>
    public string Padding { get; init; } = "    ";

    /// <summary>Cells longer than this wrap at spaces (tablewriter's default is 30).</summary>
    public int MaxColumnWidth { get; init; } = 30;

    /// <summary>Renders the table; each line ends with <c>\n</c>.</summary>
    public string Render(IReadOnlyList<string>? headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var columns = Math.Max(headers?.Count ?? 0, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
        var widths = new int[columns];
        var wrapped = rows.Select(r => Enumerable.Range(0, columns)
            .Select(c => Wrap(c < r.Count ? r[c] : "")).ToArray()).ToList();
        if (headers is not null)
        {
            for (var c = 0; c < headers.Count; c++)
            {
                widths[c] = Math.Max(widths[c], TextWidth.Of(headers[c]));
            }
        }

        foreach (var row in wrapped)
        {
            for (var c = 0; c < columns; c++)
            {
                foreach (var line in row[c])
                {
                    widths[c] = Math.Max(widths[c], TextWidth.Of(line));
                }
            }
        }

        var sb = new StringBuilder();
        if (headers is not null && headers.Count > 0)
        {
            for (var c = 0; c < columns; c++)
            {
                sb.Append(Pad(c < headers.Count ? headers[c].ToUpperInvariant() : "", widths[c]));
                sb.Append(c == columns - 1 ? " " : Padding);
            }

            sb.Append('\n');
        }

        foreach (var row in wrapped)
        {
            var height = row.Max(cell => cell.Count);
            for (var line = 0; line < height; line++)
            {
                for (var c = 0; c < columns; c++)
                {
                    sb.Append(Pad(line < row[c].Count ? row[c][line] : "", widths[c])).Append(Padding);
                }

                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private List<string> Wrap(string cell)
    {
        var paragraph = cell.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\n', ' ');
        if (TextWidth.Of(paragraph) <= MaxColumnWidth)
        {
            return [paragraph];
        }

        var words = paragraph.Split(' ');
        var limit = Math.Max(MaxColumnWidth, words.Max(TextWidth.Of));
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in words)
        {
            if (current.Length > 0 && TextWidth.Of(current.ToString()) + 1 + TextWidth.Of(word) > limit)
            {
                lines.Add(current.ToString());
                current.Clear();
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(word);
        }

        lines.Add(current.ToString());
        return lines;
    }

    private static string Pad(string text, int width) => text + new string(' ', Math.Max(0, width - TextWidth.Of(text)));
}
