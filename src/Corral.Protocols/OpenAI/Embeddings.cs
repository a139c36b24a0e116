using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization;
using Corral.Api.Models;

namespace Corral.Protocols.OpenAI;

/// <summary>Body of <c>POST /v1/embeddings</c>.</summary>
public sealed record EmbeddingsRequest
{
    public string? Model { get; init; }
    /// <summary>A string or an array of strings (token arrays are not supported).</summary>
    public JsonElement? Input { get; init; }
    /// <summary><c>float</c> (default) or <c>base64</c> (little-endian float32 bytes).</summary>
    public string? EncodingFormat { get; init; }
    public int? Dimensions { get; init; }
    /// <summary>Accepted and ignored.</summary>
    public string? User { get; init; }
    /// <summary>Corral extension: Ollama's keep_alive.</summary>
    public JsonElement? KeepAlive { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary><c>{"object":"list","data":[...],"model","usage"}</c>.</summary>
public sealed record EmbeddingsResponse
{
    public string Object { get; init; } = "list";
    public EmbeddingData[] Data { get; init; } = [];
    public string Model { get; init; } = "";
    public EmbeddingsUsage Usage { get; init; } = new();
}

public sealed record EmbeddingData
{
    public string Object { get; init; } = "embedding";
    public EmbeddingVector Embedding { get; init; }
    public int Index { get; init; }
}

public sealed record EmbeddingsUsage
{
    public int PromptTokens { get; init; }
    public int TotalTokens { get; init; }
}

/// <summary>A vector written as a float array or as base64 of its little-endian float32 bytes.</summary>
[JsonConverter(typeof(EmbeddingVectorConverter))]
public readonly record struct EmbeddingVector(float[] Values, bool Base64)
{
    /// <summary>The base64 text of <see cref="Values"/> as little-endian float32.</summary>
    public string ToBase64()
    {
        var bytes = new byte[Values.Length * 4];
        for (var i = 0; i < Values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), Values[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}

/// <summary>Writes <see cref="EmbeddingVector"/> in its chosen encoding (responses only; reading is not needed).</summary>
public sealed class EmbeddingVectorConverter : JsonConverter<EmbeddingVector>
{
    public override EmbeddingVector Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("embedding vectors are only written");

    public override void Write(Utf8JsonWriter writer, EmbeddingVector value, JsonSerializerOptions options)
    {
        if (value.Base64)
        {
            writer.WriteStringValue(value.ToBase64());
            return;
        }

        writer.WriteStartArray();
        foreach (var x in value.Values)
        {
            writer.WriteNumberValue(x);
        }

        writer.WriteEndArray();
    }
}

/// <summary>Maps <c>/v1/embeddings</c> to and from native <see cref="EmbedRequest"/>/<see cref="EmbedResponse"/>.</summary>
public static class EmbeddingsMapper
{
    public static EmbedRequest Map(EmbeddingsRequest request, ParamPolicy policy)
    {
        Sampling.Require(!string.IsNullOrWhiteSpace(request.Model), "model", "you must provide a model parameter");
        policy.RejectUnknown(request.Extra);
        var input = request.Input ?? throw new ProtocolException("input is required", "input");
        var valid = input.ValueKind switch
        {
            JsonValueKind.String => true,
            JsonValueKind.Array => input.GetArrayLength() > 0 && input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String),
            _ => false,
        };
        Sampling.Require(valid, "input", "invalid input: use a string or a non-empty array of strings");
        Sampling.Require(request.EncodingFormat is null or "float" or "base64", "encoding_format",
            $"invalid encoding_format '{request.EncodingFormat}' (use float or base64)");
        Sampling.Require(request.Dimensions is null or > 0, "dimensions", "dimensions must be a positive integer");
        return new EmbedRequest { Model = request.Model, Input = input, Dimensions = request.Dimensions, KeepAlive = request.KeepAlive };
    }

    public static EmbeddingsResponse ToResponse(EmbedResponse native, bool base64) => new()
    {
        Data = native.Embeddings.Select((v, i) => new EmbeddingData { Embedding = new EmbeddingVector(v, base64), Index = i }).ToArray(),
        Model = native.Model,
        Usage = new EmbeddingsUsage { PromptTokens = native.PromptEvalCount ?? 0, TotalTokens = native.PromptEvalCount ?? 0 },
    };
}
