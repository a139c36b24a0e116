namespace Corral.Templating.Go;

/// <summary>How a missing map key is treated, as Go's <c>Option("missingkey=...")</c>.</summary>
public enum MissingKeyMode
{
    /// <summary><c>missingkey=default</c>: the result is an invalid value (prints <c>&lt;no value&gt;</c>).</summary>
    Default,

    /// <summary><c>missingkey=zero</c>: the map element type's zero value (Ollama's setting).</summary>
    Zero,

    /// <summary><c>missingkey=error</c>: execution stops with an error.</summary>
    Error,
}

/// <summary>Parsing and sandbox limits for template rendering. Defaults are safe for untrusted templates.</summary>
public sealed record GoTemplateOptions
{
    /// <summary>Shared default options.</summary>
    public static GoTemplateOptions Default { get; } = new();

    /// <summary>Maximum evaluation steps (nodes walked, loop iterations, commands) per render.</summary>
    public long MaxSteps { get; init; } = 1_000_000;

    /// <summary>Maximum nesting of <c>{{template}}</c> calls (Go's maxExecDepth concept).</summary>
    public int MaxDepth { get; init; } = 100;

    /// <summary>Maximum output size in UTF-16 characters.</summary>
    public long MaxOutputChars { get; init; } = 16 * 1024 * 1024;

    /// <summary>Maximum wall-clock time of one render.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Maximum template source length accepted by the parser, in characters.</summary>
    public int MaxSourceChars { get; init; } = 1024 * 1024;

    /// <summary>Maximum parser nesting (parentheses and control blocks).</summary>
    public int MaxParseDepth { get; init; } = 200;

    /// <summary>Missing map key behaviour; Ollama uses <see cref="MissingKeyMode.Zero"/>.</summary>
    public MissingKeyMode MissingKey { get; init; } = MissingKeyMode.Zero;

    /// <summary>
    /// Clock for <c>currentDate</c>/<c>yesterdayDate</c>. When <see langword="null"/> the engine uses
    /// <c>SOURCE_DATE_EPOCH</c> if set, else <see cref="TimeProvider.System"/> (local date).
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Enables the Ollama functions <c>json</c>, <c>currentDate</c>, <c>yesterdayDate</c>, <c>toTypeScriptType</c>.</summary>
    public bool OllamaFunctions { get; init; } = true;
}
