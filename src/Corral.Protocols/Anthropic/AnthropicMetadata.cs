using System.Text.Json;

namespace Corral.Protocols.Anthropic;

/// <summary>
/// The Messages API's <c>metadata</c>: Anthropic defines only <c>user_id</c> (a string or null, up to 256 characters).
/// Corral also accepts a <c>task</c> string (up to 512 characters, as OpenAI's metadata values) that names the call's
/// task for the router's fast-path rules, as the <c>X-Corral-Task</c> header does (the header wins). Any other key is
/// refused, as Anthropic refuses it. Nothing here is stored or sent upstream.
/// </summary>
public static class AnthropicMetadata
{
    public const int MaxUserIdLength = 256;
    public const int MaxTaskLength = 512;

    /// <summary>Validates <paramref name="metadata"/> and returns its <c>task</c>, trimmed (null when absent or blank).</summary>
    /// <exception cref="ProtocolException">Not an object, an unknown key, or a value of the wrong type or length.</exception>
    public static string? Task(JsonElement? metadata)
    {
        if (metadata is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new ProtocolException("metadata: Input should be a valid dictionary", "metadata");
        }

        string? task = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "user_id":
                    Text(property.Value, "metadata.user_id", MaxUserIdLength);
                    break;
                case "task":
                    task = Text(property.Value, "metadata.task", MaxTaskLength);
                    break;
                default:
                    var name = property.Name.Length > 64 ? property.Name[..64] + "..." : property.Name;
                    throw new ProtocolException($"metadata.{name}: Extra inputs are not permitted (metadata accepts user_id and task)", "metadata." + name);
            }
        }

        return string.IsNullOrWhiteSpace(task) ? null : task.Trim();
    }

    private static string? Text(JsonElement value, string field, int maxLength)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ProtocolException($"{field}: Input should be a valid string", field);
        }

        var text = value.GetString()!;
        return text.Length <= maxLength
            ? text
            : throw new ProtocolException($"{field}: String should have at most {maxLength} characters", field);
    }
}
