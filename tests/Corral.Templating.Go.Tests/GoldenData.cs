using System.Text.Json;

namespace Corral.Templating.Go.Tests;

/// <summary>Golden case as written by tools/goldens/go.</summary>
public sealed record GoldenCase(string File, string Name, string Template, JsonElement? Data, string? MissingKey, string? Mode,
    string? Output, string? Error)
{
    public override string ToString() => File + ":" + Name;
}

/// <summary>Loads golden files and converts JSON data the way the Go harness does.</summary>
public static class GoldenData
{
    private static readonly Dictionary<string, (JsonElement? Default, List<GoldenCase> Cases)> Cache = new();

    public static string Dir => Path.Combine(AppContext.BaseDirectory, "Goldens");

    public static IReadOnlyList<GoldenCase> Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var entry))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, file)));
                var root = doc.RootElement.Clone();
                JsonElement? dflt = root.TryGetProperty("default_data", out var d) ? d : null;
                var list = new List<GoldenCase>();
                foreach (var c in root.GetProperty("cases").EnumerateArray())
                {
                    list.Add(new GoldenCase(file, c.GetProperty("name").GetString()!, c.GetProperty("template").GetString()!,
                        c.TryGetProperty("data", out var data) ? data : dflt,
                        c.TryGetProperty("missingkey", out var mk) ? mk.GetString() : null,
                        c.TryGetProperty("mode", out var mode) ? mode.GetString() : null,
                        c.TryGetProperty("output", out var o) ? o.GetString() : null,
                        c.TryGetProperty("error", out var e) ? e.GetString() : null));
                }
                entry = (dflt, list);
                Cache[file] = entry;
            }
            return entry.Cases;
        }
    }

    /// <summary>JSON to the value protocol: integral numbers become long (Go int), others double.</summary>
    public static object? Convert(JsonElement? e, bool floatNumbers = false)
    {
        if (e == null) return null;
        var v = e.Value;
        switch (v.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var p in v.EnumerateObject()) map[p.Name] = Convert(p.Value, floatNumbers);
                return map;
            case JsonValueKind.Array:
                var list = new List<object?>();
                foreach (var x in v.EnumerateArray()) list.Add(Convert(x, floatNumbers));
                return list;
            case JsonValueKind.String: return v.GetString();
            case JsonValueKind.True: return true;
            case JsonValueKind.False: return false;
            case JsonValueKind.Number:
                var raw = v.GetRawText();
                if (floatNumbers || raw.AsSpan().IndexOfAny(".eE") >= 0 || !v.TryGetInt64(out long l)) return v.GetDouble();
                return l;
            default: return null;
        }
    }
}

/// <summary>A fixed clock for currentDate (2024-06-01).</summary>
public sealed class FixedClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
