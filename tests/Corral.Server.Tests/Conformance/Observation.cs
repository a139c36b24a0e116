namespace Corral.Server.Tests.Conformance;

/// <summary>What a client saw, in the same neutral terms for every SDK (see tests/node/conformance.test.mjs).</summary>
public sealed record Observation
{
    public string? Id { get; init; }
    public string Text { get; init; } = "";
    public string? Finish { get; init; }
    public long? PromptTokens { get; init; }
    public long? OutputTokens { get; init; }
    public long? TotalTokens { get; init; }
    public int Deltas { get; init; }
    public string? FinalText { get; init; }
    public string? Reasoning { get; init; }
    public IReadOnlyList<ObservedToolCall> ToolCalls { get; init; } = [];
    public IReadOnlyList<ObservedLogprob>? Logprobs { get; init; }
    public IReadOnlyList<float[]>? Embeddings { get; init; }
    public IReadOnlyList<string>? ModelIds { get; init; }
    public string? ModelId { get; init; }
    public string? OwnedBy { get; init; }
    public string? DisplayName { get; init; }
    public ObservedError? Error { get; init; }
}

public sealed record ObservedToolCall(string? Id, string Name, string Arguments);

public sealed record ObservedLogprob(string Token, double Logprob, IReadOnlyList<double> Top);

/// <summary>An error as the SDK surfaced it: the exception's class, and the status and body fields it carries.</summary>
public sealed record ObservedError(int? Status, string? Type, string? Code, string? Param, string Message, string SdkClass, string Raw);
