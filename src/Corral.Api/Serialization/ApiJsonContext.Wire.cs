using System.Text.Encodings.Web;
using System.Text.Json;

namespace Corral.Api.Serialization;

public sealed partial class ApiJsonContext
{
    /// <summary>Writer options for the wire: characters are escaped only where JSON requires it (as Go's encoder does
    /// for quotes and non-ASCII text), so streamed text stays compact and byte-comparable with Ollama's.</summary>
    public static JsonWriterOptions WireWriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The same contract as <see cref="Default"/>, serializing with <see cref="WireWriterOptions"/>' escaping.</summary>
    public static ApiJsonContext Wire { get; } =
        new(new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
}
