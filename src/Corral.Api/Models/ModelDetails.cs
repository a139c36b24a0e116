namespace Corral.Api.Models;

/// <summary>Summary of a model's file, as in <c>/api/tags</c>, <c>/api/show</c> and <c>/api/ps</c>.</summary>
public sealed record ModelDetails
{
    public string ParentModel { get; init; } = "";
    public string Format { get; init; } = "";
    public string Family { get; init; } = "";
    public string[]? Families { get; init; }
    public string ParameterSize { get; init; } = "";
    public string QuantizationLevel { get; init; } = "";
}
