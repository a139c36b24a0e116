namespace Corral.Inference;

/// <summary>One vector per input, in input order, plus the number of tokens processed.</summary>
public sealed record EmbeddingResult(IReadOnlyList<float[]> Vectors, int PromptTokens);
