using System.Text.Json;

namespace Corral.Prompting.Tests.Jinja;

/// <summary>The committed jinja2 goldens of Corral.Templating.Jinja.Tests (65 vendor templates × 10 HF-style
/// scenarios), read in place from the repository.</summary>
internal static class JinjaGoldens
{
    private static readonly Lazy<string> Dir = new(() => Path.Combine(RepoRoot(), "tests", "Corral.Templating.Jinja.Tests", "Goldens"));

    private static readonly Lazy<(long Epoch, Dictionary<string, JsonElement> Contexts)> Scenarios = new(LoadScenarios);

    private static readonly Lazy<Dictionary<string, JsonElement>> Files = new(LoadFiles);

    /// <summary>The instant strftime_now must see (SOURCE_DATE_EPOCH of the generator).</summary>
    public static long Epoch => Scenarios.Value.Epoch;

    public static IEnumerable<string> TemplateNames => Files.Value.Keys.Order(StringComparer.Ordinal);

    public static string Source(string template) => Files.Value[template].GetProperty("source").GetString()!;

    public static JsonElement Context(string scenario) => Scenarios.Value.Contexts[scenario];

    /// <summary>Every (template, scenario) pair that has a golden result.</summary>
    public static IEnumerable<(string Template, string Scenario)> Cases() =>
        from t in TemplateNames
        from r in Files.Value[t].GetProperty("results").EnumerateArray()
        select (t, r.GetProperty("scenario").GetString()!);

    /// <summary>The expected outcome: <c>ok:</c> + output, or <c>error:</c> + the Python message.</summary>
    public static string Expected(string template, string scenario)
    {
        var result = Files.Value[template].GetProperty("results").EnumerateArray()
            .First(r => r.GetProperty("scenario").GetString() == scenario);
        return result.TryGetProperty("output", out var o)
            ? "ok:" + o.GetString()
            : "error:" + result.GetProperty("error").GetProperty("message").GetString();
    }

    /// <summary>The Go template goldens of Corral.Templating.Go.Tests.</summary>
    public static IEnumerable<(string Name, string Template)> GoTemplates()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "tests", "Corral.Templating.Go.Tests", "Goldens", "chat.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("template").GetString()!))
            .ToList();
    }

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Corral.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (Corral.slnx) not found above " + AppContext.BaseDirectory);
    }

    private static (long, Dictionary<string, JsonElement>) LoadScenarios()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir.Value, "_scenarios.json")));
        var contexts = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var s in doc.RootElement.GetProperty("scenarios").EnumerateArray())
        {
            contexts[s.GetProperty("name").GetString()!] = s.GetProperty("context").Clone();
        }

        return (doc.RootElement.GetProperty("source_date_epoch").GetInt64(), contexts);
    }

    private static Dictionary<string, JsonElement> LoadFiles()
    {
        var files = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Dir.Value, "*.json"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!name.StartsWith('_'))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                files[name] = doc.RootElement.Clone();
            }
        }

        return files;
    }
}
