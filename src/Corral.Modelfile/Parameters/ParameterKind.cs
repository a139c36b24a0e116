namespace Corral.Modelfile;

/// <summary>The value type of a model parameter (Ollama <c>api.Options</c> field kinds).</summary>
public enum ParameterKind
{
    /// <summary>64-bit integer (Go <c>int</c>).</summary>
    Int,

    /// <summary>32-bit float (Go <c>float32</c>).</summary>
    Float,

    /// <summary>Boolean.</summary>
    Bool,

    /// <summary>List of strings (<c>stop</c>); repeated PARAMETER lines append.</summary>
    StringList,
}
