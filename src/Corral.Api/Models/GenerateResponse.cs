namespace Corral.Api.Models;

/// <summary>One NDJSON line of <c>POST /api/generate</c> (or the whole answer with <c>stream:false</c>).</summary>
public sealed record GenerateResponse : Metrics
{
    public string Model { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string Response { get; init; } = "";
    public string? Thinking { get; init; }
    public bool Done { get; init; }
    public string? DoneReason { get; init; }
    public int[]? Context { get; init; }
    public ToolCall[]? ToolCalls { get; init; }
    public Logprob[]? Logprobs { get; init; }

    /// <summary>Corral extension, on the final chunk only: the stop sequence (from <c>options.stop</c> or the model's
    /// <c>stop</c> parameters) that ended generation with <c>done_reason</c> "stop"; omitted when none matched.</summary>
    public string? DoneStopSequence { get; init; }

    /// <summary>Corral extension: the answer does not match the requested JSON schema (e.g. cut off by num_predict).</summary>
    public string? FormatError { get; init; }

    /// <summary>Set only for <c>_debug_render_only</c> requests.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("_debug_info")]
    public DebugInfo? DebugInfo { get; init; }
}
