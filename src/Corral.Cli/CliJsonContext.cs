using System.Text.Json.Serialization;

namespace Corral.Cli;

/// <summary>Source-generated JSON for the few CLI-only shapes (embedding vectors).</summary>
[JsonSerializable(typeof(float[]))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
