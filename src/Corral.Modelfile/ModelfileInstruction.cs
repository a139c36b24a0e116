namespace Corral.Modelfile;

/// <summary>The instructions a Modelfile may contain (keywords are case-insensitive in source).</summary>
public enum ModelfileInstruction
{
    /// <summary><c>FROM</c>: base model name, GGUF file or safetensors directory (repeatable).</summary>
    From,

    /// <summary><c>PARAMETER name value</c>: a default runtime option.</summary>
    Parameter,

    /// <summary><c>TEMPLATE</c>: Go text/template prompt template.</summary>
    Template,

    /// <summary><c>SYSTEM</c>: default system prompt.</summary>
    System,

    /// <summary><c>ADAPTER</c>: LoRA adapter path.</summary>
    Adapter,

    /// <summary><c>LICENSE</c>: license text (repeatable).</summary>
    License,

    /// <summary><c>MESSAGE role text</c>: a seed conversation message.</summary>
    Message,

    /// <summary><c>REQUIRES</c>: minimum server version (semver).</summary>
    Requires,

    /// <summary><c>RENDERER</c>: built-in prompt renderer name.</summary>
    Renderer,

    /// <summary><c>PARSER</c>: built-in output parser name.</summary>
    Parser,

    /// <summary><c>DRAFT</c>: speculative-decoding draft model path.</summary>
    Draft,
}
