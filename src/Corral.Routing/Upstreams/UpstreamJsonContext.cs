using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Routing.Upstreams;

/// <summary>Source-generated JSON for what the providers read from upstreams (snake_case, unknown fields skipped) and
/// the few values they build into request bodies.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnthropicEvent))]
[JsonSerializable(typeof(OpenAIStreamChunk))]
[JsonSerializable(typeof(UpstreamErrorDetail))]
[JsonSerializable(typeof(OpenAIContentPart[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class UpstreamJsonContext : JsonSerializerContext;
