using System.Globalization;
using System.Text.Json;

namespace Corral.Protocols.OpenAI;

/// <summary>The sampling fields chat and legacy completions share.</summary>
public sealed record SamplingFields
{
    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public double? TopP { get; init; }
    public long? Seed { get; init; }
    public JsonElement? Stop { get; init; }
    public double? FrequencyPenalty { get; init; }
    public double? PresencePenalty { get; init; }
    public int? NumCtx { get; init; }
    public Dictionary<string, JsonElement>? Options { get; init; }
}

/// <summary>Turns OpenAI sampling fields into native options (Ollama names), validating ranges as OpenAI does.</summary>
public static class Sampling
{
    /// <summary>Native options. Temperature and top_p default to 1.0 (OpenAI's defaults, as Ollama's /v1 does);
    /// <paramref name="headerContextLength"/> (<c>X-Context-Length</c>) applies when the body sets no <c>num_ctx</c>.</summary>
    public static Dictionary<string, JsonElement> ToOptions(SamplingFields fields, int? headerContextLength, string maxTokensParam)
    {
        var options = fields.Options is null
            ? new Dictionary<string, JsonElement>(StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(fields.Options, StringComparer.Ordinal);

        if (fields.MaxTokens is { } max)
        {
            Require(max >= 1, maxTokensParam, $"{maxTokensParam} must be at least 1");
            options["num_predict"] = Json.Number(max);
        }

        var temperature = fields.Temperature ?? (options.ContainsKey("temperature") ? null : 1.0);
        if (temperature is { } t)
        {
            Require(t is >= 0 and <= 2, "temperature", "temperature must be between 0 and 2");
            options["temperature"] = Json.Number(t);
        }

        var topP = fields.TopP ?? (options.ContainsKey("top_p") ? null : 1.0);
        if (topP is { } p)
        {
            Require(p is >= 0 and <= 1, "top_p", "top_p must be between 0 and 1");
            options["top_p"] = Json.Number(p);
        }

        if (fields.Seed is { } seed)
        {
            options["seed"] = Json.Number(seed);
        }

        if (fields.FrequencyPenalty is { } fp)
        {
            Require(fp is >= -2 and <= 2, "frequency_penalty", "frequency_penalty must be between -2 and 2");
            options["frequency_penalty"] = Json.Number(fp);
        }

        if (fields.PresencePenalty is { } pp)
        {
            Require(pp is >= -2 and <= 2, "presence_penalty", "presence_penalty must be between -2 and 2");
            options["presence_penalty"] = Json.Number(pp);
        }

        if (fields.Stop is { } stop && StopList(stop) is { } stops)
        {
            options["stop"] = Json.Strings(stops);
        }

        if ((fields.NumCtx ?? headerContextLength) is { } ctx)
        {
            Require(ctx >= 1, fields.NumCtx is null ? "X-Context-Length" : "num_ctx", "context length must be a positive integer");
            options["num_ctx"] = Json.Number(ctx);
        }

        return options;
    }

    private static string[]? StopList(JsonElement stop) => stop.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => [stop.GetString()!],
        JsonValueKind.Array when stop.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) =>
            stop.EnumerateArray().Select(e => e.GetString()!).ToArray(),
        _ => throw new ProtocolException("stop must be a string or an array of strings", "stop"),
    };

    internal static void Require(bool condition, string param, string message)
    {
        if (!condition)
        {
            throw new ProtocolException(message, param);
        }
    }
}

/// <summary>Small JsonElement builders.</summary>
internal static class Json
{
    public static JsonElement Number(double value) => Parse(value.ToString("R", CultureInfo.InvariantCulture));

    public static JsonElement Number(long value) => Parse(value.ToString(CultureInfo.InvariantCulture));

    public static JsonElement Bool(bool value) => Parse(value ? "true" : "false");

    public static JsonElement String(string value) => Parse(JsonSerializer.Serialize(value, OpenAIJsonContext.Default.String));

    public static JsonElement Strings(IEnumerable<string> values) =>
        Parse("[" + string.Join(",", values.Select(v => JsonSerializer.Serialize(v, OpenAIJsonContext.Default.String))) + "]");

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
