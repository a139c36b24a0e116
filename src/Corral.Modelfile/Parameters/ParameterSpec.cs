namespace Corral.Modelfile;

/// <summary>Describes one model parameter: its option name, type, default and whether it is deprecated.</summary>
/// <param name="Name">The option name as used in PARAMETER lines and API <c>options</c> (case-sensitive).</param>
/// <param name="Kind">The value type.</param>
/// <param name="Default">The static default, or null when unset / decided at runtime (see <paramref name="Description"/>).</param>
/// <param name="Scope">Whether the option applies per request or at load time.</param>
/// <param name="IsDeprecated">Deprecated options are accepted with a warning and ignored.</param>
/// <param name="Description">Short human description.</param>
public sealed record ParameterSpec(
    string Name,
    ParameterKind Kind,
    ParameterValue? Default,
    ParameterScope Scope,
    bool IsDeprecated,
    string Description);
