using System.Globalization;
using System.Text;
using Corral.Templating.Go.Execution;

namespace Corral.Templating.Go.Functions;

/// <summary>The functions Ollama adds to its template FuncMap.</summary>
internal static class OllamaFunctions
{
    private static readonly ParamType[] OneAny = { ParamType.Any };
    private static readonly ParamType[] Strings = { ParamType.String };

    public static void Register(Dictionary<string, GoFunction> map)
    {
        Builtins.Add(map, "json", OneAny, false, static (_, a) => Val.Of(GoJson.Marshal(a[0].Obj) ?? ""));
        Builtins.Add(map, "currentDate", Strings, true, static (c, _) => Val.Of(Today(c.Options).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Builtins.Add(map, "yesterdayDate", Strings, true, static (c, _) => Val.Of(Today(c.Options).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Builtins.Add(map, "toTypeScriptType", OneAny, false, static (_, a) => Val.Of(ToTypeScriptType(a[0].Obj, 0)));
    }

    /// <summary>The current date: the configured clock, else <c>SOURCE_DATE_EPOCH</c> (UTC), else the local date.</summary>
    internal static DateTime Today(GoTemplateOptions options)
    {
        if (options.Clock != null) return options.Clock.GetLocalNow().DateTime.Date;
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (!string.IsNullOrEmpty(epoch) && long.TryParse(epoch, NumberStyles.Integer, CultureInfo.InvariantCulture, out long secs)
            && secs >= 0 && secs < 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(secs).UtcDateTime.Date;
        }
        return TimeProvider.System.GetLocalNow().DateTime.Date;
    }

    /// <summary>
    /// Ollama's <c>api.ToolProperty.ToTypeScriptType</c> applied to a tool property given as a map or struct
    /// with <c>type</c>/<c>Type</c> (string or list) and <c>anyOf</c>/<c>AnyOf</c>; anything else is <c>any</c>.
    /// </summary>
    internal static string ToTypeScriptType(object? v, int depth)
    {
        if (v == null || depth > 32) return "any";
        var anyOf = Field(v, "AnyOf", "anyOf");
        if (anyOf != null && GoValues.Kind(anyOf) == GoKind.Slice && GoValues.Len(anyOf) > 0)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < GoValues.Len(anyOf); i++)
            {
                if (i > 0) sb.Append(" | ");
                sb.Append(ToTypeScriptType(GoValues.Index(anyOf, i), depth + 1));
            }
            return sb.ToString();
        }
        var type = Field(v, "Type", "type");
        if (type is string s) return s.Length == 0 ? "any" : Map(s);
        if (type != null && GoValues.Kind(type) == GoKind.Slice)
        {
            int n = GoValues.Len(type);
            if (n == 0) return "any";
            var sb = new StringBuilder();
            for (int i = 0; i < n; i++)
            {
                if (i > 0) sb.Append(" | ");
                sb.Append(Map(GoValues.Index(type, i) as string ?? ""));
            }
            return sb.ToString();
        }
        return "any";
    }

    private static object? Field(object v, string structName, string jsonName)
    {
        if (v is IGoStruct st) return st.TryGetField(structName, out var f) ? f : null;
        if (GoValues.Kind(v) == GoKind.Map)
        {
            if (GoValues.TryGetMap(v, jsonName, out var m)) return m;
            if (GoValues.TryGetMap(v, structName, out m)) return m;
        }
        return null;
    }

    private static string Map(string jsonType) => jsonType switch
    {
        "string" => "string",
        "number" or "integer" => "number",
        "boolean" => "boolean",
        "array" => "any[]",
        "object" => "Record<string, any>",
        "null" => "null",
        _ => "any",
    };
}
