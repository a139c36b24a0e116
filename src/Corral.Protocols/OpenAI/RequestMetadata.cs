using System.Text.Json;

namespace Corral.Protocols.OpenAI;

/// <summary>
/// OpenAI's <c>metadata</c> on <c>/v1/chat/completions</c> and <c>/v1/responses</c>: at most 16 pairs, keys up to 64
/// characters, values strings up to 512 characters. Corral stores nothing; <c>metadata.task</c> names the call's task
/// for the router's fast-path rules, as the <c>X-Corral-Task</c> header does (the header wins when both are given).
/// </summary>
public static class RequestMetadata
{
    public const int MaxPairs = 16;
    public const int MaxKeyLength = 64;
    public const int MaxValueLength = 512;

    /// <summary>The key that names the task.</summary>
    public const string TaskKey = "task";

    /// <summary>The pairs, or null when <paramref name="metadata"/> is absent or null.</summary>
    /// <exception cref="ProtocolException">Not an object of string values, or over a bound (names the field).</exception>
    public static Dictionary<string, string>? Read(JsonElement? metadata)
    {
        if (metadata is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ProtocolException("metadata must be an object of string keys and string values", "metadata");
        }

        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var key = property.Name;
            if (pairs.Count == MaxPairs)
            {
                throw new ProtocolException($"metadata may hold at most {MaxPairs} keys", "metadata");
            }

            if (key.Length > MaxKeyLength)
            {
                throw new ProtocolException($"metadata keys must be at most {MaxKeyLength} characters; '{key[..MaxKeyLength]}...' has {key.Length}", "metadata");
            }

            if (property.Value.ValueKind != JsonValueKind.String)
            {
                throw new ProtocolException($"metadata.{key} must be a string", "metadata." + key);
            }

            var text = property.Value.GetString()!;
            if (text.Length > MaxValueLength)
            {
                throw new ProtocolException($"metadata.{key} must be at most {MaxValueLength} characters, not {text.Length}", "metadata." + key);
            }

            if (!pairs.TryAdd(key, text))
            {
                throw new ProtocolException($"metadata.{key} is given twice", "metadata." + key);
            }
        }

        return pairs;
    }

    /// <summary><c>metadata.task</c>, trimmed; null when absent or blank.</summary>
    public static string? Task(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is not null && metadata.TryGetValue(TaskKey, out var task) && !string.IsNullOrWhiteSpace(task) ? task.Trim() : null;
}
