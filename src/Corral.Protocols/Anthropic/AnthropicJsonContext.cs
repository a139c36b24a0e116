using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Protocols.Anthropic;

/// <summary>The Anthropic wire contract (snake_case, nulls omitted unless a type says otherwise).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MessagesRequest))]
[JsonSerializable(typeof(InputBlock[]))]
[JsonSerializable(typeof(MessagesResponse))]
[JsonSerializable(typeof(CountTokensResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(MessageStartEvent))]
[JsonSerializable(typeof(ContentBlockStartEvent))]
[JsonSerializable(typeof(ContentBlockDeltaEvent))]
[JsonSerializable(typeof(ContentBlockStopEvent))]
[JsonSerializable(typeof(MessageDeltaEvent))]
[JsonSerializable(typeof(TypeOnlyEvent))]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(ModelInfoList))]
public sealed partial class AnthropicJsonContext : JsonSerializerContext
{
    /// <summary>The same contract, escaping only what JSON requires (compact, byte-comparable streamed text).</summary>
    public static AnthropicJsonContext Wire { get; } =
        new(new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
}
