using System.Globalization;
using Corral.Templating.Jinja.Evaluation;
using Corral.Templating.Jinja.Runtime;

namespace Corral.Templating.Jinja.Filters;

/// <summary>Scalar filters: default, int, float, abs, round, tojson, attr.</summary>
internal static class ValueFilters
{
    public static void Register(Dictionary<string, FilterFn> d)
    {
        d["default"] = d["d"] = (_, v, a) =>
            v is Undefined || (PyOps.Truthy(a.Get(1, "boolean", false)) && !PyOps.Truthy(v)) ? a.Get(0, "default_value", string.Empty) : v;
        d["int"] = (_, v, a) => ToInt(v, a.Get(0, "default", 0L), a.Get(1, "base", 10L));
        d["float"] = (_, v, a) => ToFloat(v, a.Get(0, "default", 0.0));
        d["abs"] = (_, v, _) => v switch
        {
            long l => (object)Math.Abs(l),
            double x => Math.Abs(x),
            bool b => b ? 1L : 0L,
            _ => throw PyError.TypeError($"bad operand type for abs(): '{PyOps.TypeName(v)}'"),
        };
        d["round"] = (_, v, a) => v is long or int && PyOps.Str(a.Get(1, "method", "common")) == "common" ? (object)PyOps.ToLong(v) : Round(v, (int)PyOps.ToLong(a.Get(0, "precision", 0L)), PyOps.Str(a.Get(1, "method", "common")));
        d["tojson"] = (_, v, a) => ToJson(v, a);
        d["attr"] = (_, v, a) => Access.GetAttr(v, PyOps.Str(a.Required(0, "name")));
    }

    private static object? ToInt(object? v, object? dflt, object? numberBase)
    {
        switch (v)
        {
            case long or int:
                return PyOps.ToLong(v);
            case bool b:
                return b ? 1L : 0L;
            case double x:
                return double.IsFinite(x) ? (long)Math.Truncate(x) : dflt;
            case string or Markup:
                var s = PyOps.Str(v).Trim().Replace("_", string.Empty, StringComparison.Ordinal);
                var b10 = PyOps.ToLong(numberBase);
                if (b10 == 10 && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                {
                    return l;
                }

                if (b10 != 10)
                {
                    try
                    {
                        return Convert.ToInt64(s, (int)b10);
                    }
                    catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
                    {
                        return dflt;
                    }
                }

                return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && double.IsFinite(f) ? (long)Math.Truncate(f) : dflt;
            default:
                return dflt;
        }
    }

    private static object? ToFloat(object? v, object? dflt) => v switch
    {
        double x => x,
        long or int or bool => PyOps.ToDouble(v),
        string or Markup when double.TryParse(PyOps.Str(v).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) => f,
        _ => dflt,
    };

    private static double Round(object? v, int precision, string method)
    {
        var x = PyOps.ToDouble(v);
        var factor = Math.Pow(10, precision);
        return method switch
        {
            "ceil" => Math.Ceiling(x * factor) / factor,
            "floor" => Math.Floor(x * factor) / factor,
            "common" => Math.Round(x, Math.Clamp(precision, 0, 15), MidpointRounding.ToEven),
            _ => throw new PyError("FilterArgumentError", "method must be common, ceil or floor"),
        };
    }

    /// <summary>transformers: json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False).</summary>
    private static string ToJson(object? v, Args a)
    {
        var ensureAscii = PyOps.Truthy(a.Get(0, "ensure_ascii", false));
        var indentArg = a.Get(1, "indent");
        string? indent = indentArg switch
        {
            null => null,
            string s => s,
            Markup m => m.Value,
            _ => new string(' ', (int)Math.Max(0, PyOps.ToLong(indentArg))),
        };
        var separators = a.Get(2, "separators");
        string item = indent is null ? ", " : ",", key = ": ";
        if (separators is not null)
        {
            var parts = PyOps.ToList(separators);
            if (parts.Count != 2)
            {
                throw PyError.ValueError($"too many values to unpack (expected 2)");
            }

            item = PyOps.Str(parts[0]);
            key = PyOps.Str(parts[1]);
        }

        var sortKeys = PyOps.Truthy(a.Get(3, "sort_keys", false));
        return PythonJson.Dumps(v, new PythonJson.Options(ensureAscii, indent, item, key, sortKeys));
    }
}
