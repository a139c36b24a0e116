using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Api;

/// <summary>
/// JSON for <see cref="OllamaDuration"/>: reads a number (seconds) or a duration string; writes <c>-1</c> for
/// forever and a Go duration string (<c>"5m0s"</c>) otherwise, as Ollama's <c>Duration.MarshalJSON</c> does.
/// </summary>
public sealed class OllamaDurationJsonConverter : JsonConverter<OllamaDuration>
{
    /// <inheritdoc />
    public override OllamaDuration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return reader.TokenType switch
            {
                JsonTokenType.Number => OllamaDuration.FromSeconds(reader.GetDouble()),
                JsonTokenType.String => OllamaDuration.Parse(reader.GetString()!),
                _ => throw new JsonException($"Unsupported type: '{reader.TokenType}'"),
            };
        }
        catch (FormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, OllamaDuration value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.IsForever)
        {
            writer.WriteNumberValue(-1);
        }
        else
        {
            writer.WriteStringValue(value.ToString());
        }
    }
}
