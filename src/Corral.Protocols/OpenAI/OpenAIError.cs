namespace Corral.Protocols.OpenAI;

/// <summary>OpenAI's error body: <c>{"error":{"message","type","param","code"}}</c>.</summary>
public sealed record OpenAIErrorResponse
{
    public OpenAIError Error { get; init; } = new();
}

/// <summary>The error object; <see cref="Param"/> and <see cref="Code"/> are always written (null when unknown).</summary>
public sealed record OpenAIError
{
    public string Message { get; init; } = "";

    /// <summary><c>invalid_request_error</c>, <c>not_found_error</c> or <c>api_error</c>.</summary>
    public string Type { get; init; } = "api_error";

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public string? Param { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public string? Code { get; init; }
}
