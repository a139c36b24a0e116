using System.Text.Json;
using System.Text.Json.Serialization;

namespace Corral.Routing.Log;

/// <summary>Source-generated JSON for the router log: the HTTP API, the JSONL mirror and exports share these
/// snake_case names (the same names as the SQLite columns).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(AttemptRecord))]
[JsonSerializable(typeof(RouterLogRecords))]
[JsonSerializable(typeof(RouterLogPairs))]
[JsonSerializable(typeof(RouterLogSummary))]
public sealed partial class RouterLogJsonContext : JsonSerializerContext;
