using System.Text.Json;
using System.Text.Json.Serialization;
using Corral.Api.Models;

namespace Corral.Api.Serialization;

/// <summary>Source-generated JSON for the native API: snake_case names, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(GenerateRequest))]
[JsonSerializable(typeof(GenerateResponse))]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatResponse))]
[JsonSerializable(typeof(EmbedRequest))]
[JsonSerializable(typeof(EmbedResponse))]
[JsonSerializable(typeof(EmbeddingsRequest))]
[JsonSerializable(typeof(EmbeddingsResponse))]
[JsonSerializable(typeof(ListResponse))]
[JsonSerializable(typeof(ShowRequest))]
[JsonSerializable(typeof(ShowResponse))]
[JsonSerializable(typeof(ProcessResponse))]
[JsonSerializable(typeof(CopyRequest))]
[JsonSerializable(typeof(DeleteRequest))]
[JsonSerializable(typeof(CreateRequest))]
[JsonSerializable(typeof(PullRequest))]
[JsonSerializable(typeof(ProgressResponse))]
[JsonSerializable(typeof(VersionResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(Message[]))]
[JsonSerializable(typeof(ToolCall[]))]
[JsonSerializable(typeof(Tool[]))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
