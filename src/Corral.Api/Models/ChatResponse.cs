namespace Corral.Api.Models;

/// <summary>One NDJSON line of <c>POST /api/chat</c> (or the whole answer with <c>stream:false</c>).</summary>
public sealed record ChatResponse : Metrics
{
    public string Model { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public Message Message { get; init; } = new() { Role = "assistant" };
    public bool Done { get; init; }
    public string? DoneReason { get; init; }
    public Logprob[]? Logprobs { get; init; }
}
