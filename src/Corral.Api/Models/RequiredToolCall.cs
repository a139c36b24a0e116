namespace Corral.Api.Models;

/// <summary>Corral extension: the model must call <see cref="Name"/>, or any of the request's tools when null.</summary>
public sealed record RequiredToolCall
{
    public string? Name { get; init; }
}
