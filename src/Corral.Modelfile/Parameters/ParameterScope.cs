namespace Corral.Modelfile;

/// <summary>When a parameter takes effect.</summary>
public enum ParameterScope
{
    /// <summary>Per request (sampling/prediction options).</summary>
    Runtime,

    /// <summary>At model load; a change between requests forces a reload (Ollama "runner" options).</summary>
    LoadTime,
}
