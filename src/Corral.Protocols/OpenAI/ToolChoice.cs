using System.Text.Json;

namespace Corral.Protocols.OpenAI;

/// <summary><c>tool_choice</c> as Chat Completions and Responses both send it: <c>auto</c> (or absent) offers the
/// tools, <c>none</c> withholds them; forcing a tool is not supported (a 400, or ignored in lenient mode).</summary>
internal static class ToolChoice
{
    /// <summary>Whether the request's tools should reach the model.</summary>
    public static bool OffersTools(JsonElement? choice, ParamPolicy policy)
    {
        var mode = choice is { ValueKind: JsonValueKind.String } s ? s.GetString()
            : choice is null or { ValueKind: JsonValueKind.Null } ? "auto"
            : "named";
        switch (mode)
        {
            case "auto":
                return true;
            case "none":
                return false;
            default:
                policy.Unsupported("tool_choice", $"tool_choice '{mode}' is not supported (use auto or none)");
                return true;
        }
    }
}
