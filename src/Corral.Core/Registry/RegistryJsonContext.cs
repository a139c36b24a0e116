using System.Text.Json.Serialization;

namespace Corral.Core.Registry;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PartState))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext;
