using System.Text.Json;

namespace Corral.Routing.Upstreams;

/// <summary>Reads the native request's <c>options</c>, <c>think</c> and <c>format</c> for a remote provider. A value of
/// the wrong kind is a <see cref="FailureClass.BadRequest"/> naming it. Options that only steer a local runtime
/// (<c>num_ctx</c>, <c>num_gpu</c>, <c>repeat_penalty</c>, ...) have no remote equivalent and are not sent.</summary>
internal readonly struct NativeOptions(Dictionary<string, JsonElement>? options, string provider)
{
    public double? Double(string name) => Get(name) is { } v
        ? v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Bad(name, "a number")
        : null;

    public int? Int(string name) => Get(name) is { } v
        ? v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Bad(name, "an integer")
        : null;

    public long? Long(string name) => Get(name) is { } v
        ? v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l : throw Bad(name, "an integer")
        : null;

    /// <summary><c>stop</c>: a string or an array of strings.</summary>
    public string[]? Stop()
    {
        if (Get("stop") is not { } v)
        {
            return null;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            return [v.GetString()!];
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw Bad("stop", "a string or an array of strings");
        }

        var stops = new string[v.GetArrayLength()];
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            stops[i++] = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Bad("stop", "an array of strings");
        }

        return stops.Length == 0 ? null : stops;
    }

    /// <summary><c>think</c>: null when off or absent; <c>low</c>/<c>medium</c>/<c>high</c> otherwise (<c>true</c> is
    /// <c>medium</c>, <c>max</c> is <c>high</c>).</summary>
    public static string? ThinkLevel(JsonElement? think, string provider) => think switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False } => null,
        { ValueKind: JsonValueKind.True } => "medium",
        { ValueKind: JsonValueKind.String } s => s.GetString() switch
        {
            "low" or "medium" or "high" => s.GetString(),
            "max" => "high",
            var other => throw new UpstreamException(FailureClass.BadRequest, $"{provider}: think value '{other}' is not supported (true, false, low, medium, high)"),
        },
        _ => throw new UpstreamException(FailureClass.BadRequest, $"{provider}: think must be a boolean or low/medium/high"),
    };

    /// <summary><c>format</c>: none, JSON mode (<c>"json"</c>) or a JSON Schema object.</summary>
    public static (bool Json, JsonElement? Schema) Format(JsonElement? format, string provider) => format switch
    {
        null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => (false, null),
        { ValueKind: JsonValueKind.String } s when s.GetString() is "" => (false, null),
        { ValueKind: JsonValueKind.String } s when s.GetString() is "json" => (true, null),
        { ValueKind: JsonValueKind.Object } o => (true, o),
        _ => throw new UpstreamException(FailureClass.BadRequest, $"{provider}: format must be \"json\" or a JSON schema object"),
    };

    private JsonElement? Get(string name) =>
        options is not null && options.TryGetValue(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? v : null;

    private UpstreamException Bad(string name, string expected) =>
        new(FailureClass.BadRequest, $"{provider}: option {name} must be {expected}");
}
