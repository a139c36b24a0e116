namespace Corral.Core.Configuration;

/// <summary>One setting read from the environment: Corral's name first, then Ollama's for compatibility.</summary>
public sealed record EnvironmentVariable(string Name, string? OllamaName, string Default, string Description)
{
    /// <summary>The raw value, trimmed of whitespace and surrounding quotes as Ollama does; null when unset or empty.</summary>
    public string? Read(Func<string, string?> lookup)
    {
        foreach (var name in OllamaName is null ? new[] { Name } : new[] { Name, OllamaName })
        {
            var value = lookup(name)?.Trim().Trim('"', '\'').Trim();
            if (!string.IsNullOrEmpty(value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A switch: on for <c>1</c> or <c>true</c> (any case), off when unset or anything else.</summary>
    public bool IsOn(Func<string, string?> lookup) => Read(lookup) is { } value && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase));
}
