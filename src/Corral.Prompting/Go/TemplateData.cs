using System.Collections;

namespace Corral.Prompting.Go;

/// <summary>The <c>map[string]any</c> Ollama passes to <c>Execute</c>: a small fixed key set, looked up linearly.</summary>
internal sealed class TemplateData(string[] keys, object?[] values) : IReadOnlyDictionary<string, object?>
{
    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);
    public IEnumerable<string> Keys => keys;
    public IEnumerable<object?> Values => values;
    public int Count => keys.Length;
    public bool ContainsKey(string key) => Array.IndexOf(keys, key) >= 0;

    public bool TryGetValue(string key, out object? value)
    {
        int i = Array.IndexOf(keys, key);
        value = i >= 0 ? values[i] : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (int i = 0; i < keys.Length; i++) yield return new(keys[i], values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>The data maps of Ollama's three execution modes.</summary>
internal static class OllamaData
{
    private static readonly string[] FimKeys = ["Prompt", "Suffix", "Response", "Think", "ThinkLevel", "IsThinkSet"];
    private static readonly string[] MessagesKeys = ["System", "Messages", "Tools", "Response", "Think", "ThinkLevel", "IsThinkSet"];
    private static readonly string[] LegacyKeys = ["System", "Prompt", "Response", "Think", "ThinkLevel", "IsThinkSet"];

    public static TemplateData Fim(string prompt, string suffix, ThinkValues t) =>
        new(FimKeys, [prompt, suffix, "", t.Think, t.Level, t.IsSet]);

    public static TemplateData Messages(string system, IReadOnlyList<object?> messages, ToolsValue tools, ThinkValues t) =>
        new(MessagesKeys, [system, messages, tools, "", t.Think, t.Level, t.IsSet]);

    public static TemplateData Legacy(string system, string prompt, string response, ThinkValues t) =>
        new(LegacyKeys, [system, prompt, response, t.Think, t.Level, t.IsSet]);
}

/// <summary><c>.Think</c>, <c>.ThinkLevel</c> and <c>.IsThinkSet</c> as Ollama derives them from the request's
/// <c>think</c> (<c>ThinkValue.Bool()</c>, <c>ThinkValue.String()</c>: <c>true</c> is level <c>medium</c>).</summary>
internal readonly record struct ThinkValues(bool Think, string Level, bool IsSet)
{
    public static ThinkValues From(ThinkSetting? think) => think is not { } t
        ? new(false, "", false)
        : new(t.Enabled, t.Level ?? (t.Enabled ? "medium" : ""), true);
}
