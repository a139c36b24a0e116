using System.Globalization;
using System.Text;
using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Cli.Rendering;

/// <summary>
/// The default <c>show</c> output: sections Model, Capabilities, Parameters, (verbose: Metadata, Tensors),
/// System and License, each <c>"  Header"</c> followed by a borderless table indented four spaces.
/// </summary>
public static class ShowRenderer
{
    /// <summary>Renders the sections for a show response.</summary>
    public static string Render(ShowResponse show, bool verbose)
    {
        var sb = new StringBuilder();
        Section(sb, "Model", ModelRows(show));
        if (show.Capabilities is { Length: > 0 } capabilities)
        {
            Section(sb, "Capabilities", capabilities.Select(c => Row("", c)));
        }

        if (!string.IsNullOrEmpty(show.Parameters))
        {
            var rows = show.Parameters.Split('\n')
                .Where(l => l.Length > 0)
                .Select(l => (IReadOnlyList<string>)["", .. l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)]);
            Section(sb, "Parameters", rows);
        }

        if (verbose && show.ModelInfo is { } info)
        {
            Section(sb, "Metadata", info.Keys.Order(StringComparer.Ordinal).Select(k => Row("", k, MetadataValue(info[k]))));
        }

        if (verbose && show.Tensors is { Length: > 0 } tensors)
        {
            Section(sb, "Tensors", tensors.Select(t => Row("", t.Name, t.Type, "[" + string.Join(' ', t.Shape) + "]")));
        }

        if (!string.IsNullOrEmpty(show.System))
        {
            Section(sb, "System", Head(show.System, 2), 100);
        }

        if (!string.IsNullOrEmpty(show.License))
        {
            Section(sb, "License", Head(show.License, 2), 100);
        }

        return sb.ToString();
    }

    private static IEnumerable<IReadOnlyList<string>> ModelRows(ShowResponse show)
    {
        if (show.ModelInfo is { } info)
        {
            var arch = info.TryGetValue("general.architecture", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
            if (arch.Length > 0)
            {
                yield return Row("", "architecture", arch);
            }

            var parameters = show.Details.ParameterSize;
            if (parameters.Length == 0 && info.TryGetValue("general.parameter_count", out var count) && count.TryGetDouble(out var n))
            {
                parameters = HumanFormat.Number((ulong)n);
            }

            if (parameters.Length > 0)
            {
                yield return Row("", "parameters", parameters);
            }

            foreach (var (key, label) in new[] { ("context_length", "context length"), ("embedding_length", "embedding length") })
            {
                if (info.TryGetValue($"{arch}.{key}", out var v) && v.TryGetDouble(out var d))
                {
                    yield return Row("", label, d.ToString("R", CultureInfo.InvariantCulture));
                }
            }
        }
        else
        {
            yield return Row("", "architecture", show.Details.Family);
            yield return Row("", "parameters", show.Details.ParameterSize);
        }

        yield return Row("", "quantization", show.Details.QuantizationLevel);
    }

    private static IEnumerable<IReadOnlyList<string>> Head(string text, int n)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        foreach (var line in lines.Take(n))
        {
            yield return Row("", line);
        }

        if (lines.Count > n)
        {
            yield return Row("", "...");
        }
    }

    /// <summary>A metadata value as Ollama prints it (Go <c>%v</c>/<c>%g</c>; long arrays shortened).</summary>
    public static string MetadataValue(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                return value.GetBoolean() ? "true" : "false";
            case JsonValueKind.String:
                return value.GetString() ?? "";
            case JsonValueKind.Number:
                return GoFloat(value.GetDouble());
            case JsonValueKind.Array:
                var items = value.EnumerateArray().Select(Scalar).ToList();
                var shown = 0;
                var width = 1;
                for (var i = 0; i < items.Count; i++)
                {
                    var w = TextWidth.Of(items[i]) + (i > 0 ? 2 : 0);
                    if (width + w > 10 && i > 0)
                    {
                        break;
                    }

                    width += w;
                    shown++;
                }

                return shown < items.Count
                    ? "[" + string.Join(' ', items.Take(shown)) + $" ...+{items.Count - shown} more]"
                    : "[" + string.Join(' ', items) + "]";
            default:
                return value.ValueKind == JsonValueKind.Null ? "<nil>" : value.GetRawText();
        }
    }

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Number => GoFloat(e.GetDouble(), 21),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => e.GetRawText(),
    };

    /// <summary>
    /// Go's shortest float formatting: <c>%g</c> (<paramref name="exponentFrom"/> 6) or <c>%v</c> (21): exponent
    /// form when the decimal exponent is below −4 or at least <paramref name="exponentFrom"/>.
    /// </summary>
    public static string GoFloat(double d, int exponentFrom = 6)
    {
        if (d == 0 || !double.IsFinite(d))
        {
            return d == 0 ? "0" : d.ToString(CultureInfo.InvariantCulture);
        }

        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var exp10 = 0;
        var mantissa = r;
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e >= 0)
        {
            exp10 = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = r[..e];
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot >= 0 ? mantissa.Remove(dot, 1) : mantissa;
        var dp = (dot >= 0 ? dot : mantissa.Length) + exp10;
        var leading = digits.Length - digits.TrimStart('0').Length;
        digits = digits.TrimStart('0').TrimEnd('0');
        dp -= leading;
        var x = dp - 1;
        var sign = d < 0 ? "-" : "";
        if (x < -4 || x >= exponentFrom)
        {
            var m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return sign + m + "e" + (x < 0 ? "-" : "+") + Math.Abs(x).ToString("00", CultureInfo.InvariantCulture);
        }

        if (dp <= 0)
        {
            return sign + "0." + new string('0', -dp) + digits;
        }

        return dp >= digits.Length ? sign + digits + new string('0', dp - digits.Length) : sign + digits[..dp] + "." + digits[dp..];
    }

    private static string[] Row(params string[] cells) => cells;

    private static void Section(StringBuilder sb, string header, IEnumerable<IReadOnlyList<string>> rows, int maxWidth = 30)
    {
        sb.Append("  ").Append(header).Append('\n');
        sb.Append(new TableRenderer { MaxColumnWidth = maxWidth }.Render(null, rows.ToList()));
        sb.Append('\n');
    }
}
