namespace Corral.Api;

/// <summary>Ollama's <c>envconfig.Var</c> cleaning: trim white space, then surrounding <c>"</c> and <c>'</c> characters.</summary>
public static class EnvironmentValue
{
    /// <summary>Cleans a raw environment value; null becomes empty.</summary>
    public static string Clean(string? value) => (value ?? string.Empty).Trim().Trim('"', '\'');
}
