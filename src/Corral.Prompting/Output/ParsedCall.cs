using System.Text.Json;

namespace Corral.Prompting.Output;

/// <summary>A tool call read from model output, before it gets its id and index.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Arguments">The arguments, always a JSON object.</param>
/// <param name="Id">An id the model wrote itself (Mistral does), or null.</param>
internal sealed record ParsedCall(string Name, JsonElement Arguments, string? Id = null);
