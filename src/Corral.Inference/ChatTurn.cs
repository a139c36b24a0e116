namespace Corral.Inference;

/// <summary>A role and its text, as handed to a model's built-in chat template.</summary>
public readonly record struct ChatTurn(string Role, string Content);
