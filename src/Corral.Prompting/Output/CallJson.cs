using System.Text.Json;

namespace Corral.Prompting.Output;

/// <summary>Reads tool calls out of JSON the model wrote: an object or an array of objects shaped
/// <c>{"name", "arguments"|"parameters"}</c> (also wrapped as <c>{"function": {...}}</c>); arguments may be an object
/// or a JSON string holding one.</summary>
internal static class CallJson
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true };

    /// <summary>Parses calls; on failure returns null and says why. <paramref name="looksLikeCall"/> tells a bare
    /// JSON value that is not shaped like a call (no <c>name</c>) from a broken call.</summary>
    public static List<ParsedCall>? TryRead(ReadOnlySpan<char> json, out string? failure, out bool looksLikeCall)
    {
        failure = null;
        looksLikeCall = false;
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json.ToString(), Options);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            failure = "tool call is not valid JSON: " + e.Message;
            return null;
        }

        var calls = new List<ParsedCall>();
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in root.EnumerateArray())
            {
                if (!TryReadOne(item, calls, out failure, out looksLikeCall)) return null;
            }

            looksLikeCall = calls.Count > 0;
            if (calls.Count == 0) failure = "tool call array is empty";
            return calls.Count > 0 ? calls : null;
        }

        return TryReadOne(root, calls, out failure, out looksLikeCall) ? calls : null;
    }

    /// <summary>Turns an argument value into a JSON object: objects stay, JSON strings are parsed, null/missing is {}.</summary>
    public static bool TryArguments(JsonElement? value, out JsonElement args, out string? failure)
    {
        failure = null;
        args = default;
        if (value is not { } v || v.ValueKind == JsonValueKind.Null)
        {
            args = EmptyObject();
            return true;
        }

        if (v.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var doc = JsonDocument.Parse(v.GetString()!.Trim() is { Length: > 0 } s ? s : "{}", Options);
                v = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                failure = "tool call arguments string is not valid JSON: " + e.Message;
                return false;
            }
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            failure = $"tool call arguments must be a JSON object, got {v.ValueKind}";
            return false;
        }

        args = v;
        return true;
    }

    /// <summary>A fresh empty JSON object.</summary>
    public static JsonElement EmptyObject() => JsonDocument.Parse("{}").RootElement.Clone();

    private static bool TryReadOne(JsonElement item, List<ParsedCall> calls, out string? failure, out bool looksLikeCall)
    {
        looksLikeCall = false;
        failure = null;
        if (item.ValueKind != JsonValueKind.Object)
        {
            failure = "tool call must be a JSON object";
            return false;
        }

        string? id = item.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String ? idEl.GetString() : null;
        if (item.TryGetProperty("function", out var fn) && fn.ValueKind == JsonValueKind.Object)
        {
            item = fn;
        }

        if (!item.TryGetProperty("name", out var nameEl) || nameEl.ValueKind != JsonValueKind.String || nameEl.GetString() is not { Length: > 0 } name)
        {
            failure = "tool call has no \"name\"";
            return false;
        }

        looksLikeCall = true;
        JsonElement? raw = item.TryGetProperty("arguments", out var a) ? a : item.TryGetProperty("parameters", out var p) ? p : null;
        if (!TryArguments(raw, out var args, out failure)) return false;
        calls.Add(new ParsedCall(name, args, id));
        return true;
    }
}
