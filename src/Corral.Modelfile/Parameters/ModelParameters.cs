using System.Collections.Frozen;

namespace Corral.Modelfile;

/// <summary>
/// The table of model parameters (Ollama <c>api.Options</c> JSON names) with types and defaults, shared by the
/// Modelfile PARAMETER instruction, API <c>options</c> validation and the CLI's <c>/set parameter</c>.
/// Names are case-sensitive.
/// </summary>
public static class ModelParameters
{
    private static readonly ParameterSpec[] Specs =
    [
        Spec("num_ctx", ParameterKind.Int, null, ParameterScope.LoadTime, "context window; default OLLAMA_CONTEXT_LENGTH or by VRAM (4096/32768/262144)"),
        Spec("num_predict", ParameterKind.Int, ParameterValue.FromInt(-1), ParameterScope.Runtime, "max tokens to generate; -1 = until stop"),
        Spec("num_keep", ParameterKind.Int, ParameterValue.FromInt(4), ParameterScope.Runtime, "tokens kept on context shift"),
        Spec("seed", ParameterKind.Int, ParameterValue.FromInt(-1), ParameterScope.Runtime, "random seed; -1 = random"),
        Spec("temperature", ParameterKind.Float, ParameterValue.FromFloat(0.8f), ParameterScope.Runtime, "sampling temperature"),
        Spec("top_k", ParameterKind.Int, ParameterValue.FromInt(40), ParameterScope.Runtime, "top-k sampling"),
        Spec("top_p", ParameterKind.Float, ParameterValue.FromFloat(0.9f), ParameterScope.Runtime, "nucleus sampling"),
        Spec("min_p", ParameterKind.Float, ParameterValue.FromFloat(0.0f), ParameterScope.Runtime, "min-p sampling"),
        Spec("typical_p", ParameterKind.Float, ParameterValue.FromFloat(1.0f), ParameterScope.Runtime, "locally typical sampling"),
        Spec("repeat_last_n", ParameterKind.Int, ParameterValue.FromInt(64), ParameterScope.Runtime, "repeat-penalty window; 0 = off, -1 = num_ctx"),
        Spec("repeat_penalty", ParameterKind.Float, ParameterValue.FromFloat(1.0f), ParameterScope.Runtime, "repetition penalty; 1.0 = off"),
        Spec("presence_penalty", ParameterKind.Float, ParameterValue.FromFloat(0.0f), ParameterScope.Runtime, "presence penalty"),
        Spec("frequency_penalty", ParameterKind.Float, ParameterValue.FromFloat(0.0f), ParameterScope.Runtime, "frequency penalty"),
        Spec("stop", ParameterKind.StringList, null, ParameterScope.Runtime, "stop sequences; repeat PARAMETER stop for several"),
        Spec("num_batch", ParameterKind.Int, ParameterValue.FromInt(512), ParameterScope.LoadTime, "batch size"),
        Spec("num_gpu", ParameterKind.Int, ParameterValue.FromInt(-1), ParameterScope.LoadTime, "layers to offload; -1 = auto, 0 = CPU only"),
        Spec("main_gpu", ParameterKind.Int, null, ParameterScope.LoadTime, "pin to one GPU; unset by default"),
        Spec("use_mmap", ParameterKind.Bool, null, ParameterScope.LoadTime, "memory-map weights; unset = auto"),
        Spec("num_thread", ParameterKind.Int, ParameterValue.FromInt(0), ParameterScope.LoadTime, "CPU threads; 0 = auto"),
        Spec("draft_num_predict", ParameterKind.Int, null, ParameterScope.Runtime, "speculative tokens per step; 4 with a draft model, else 0"),
        Deprecated("penalize_newline", ParameterKind.Bool, ParameterScope.Runtime),
        Deprecated("low_vram", ParameterKind.Bool, ParameterScope.LoadTime),
        Deprecated("f16_kv", ParameterKind.Bool, ParameterScope.LoadTime),
        Deprecated("logits_all", ParameterKind.Bool, ParameterScope.LoadTime),
        Deprecated("vocab_only", ParameterKind.Bool, ParameterScope.LoadTime),
        Deprecated("use_mlock", ParameterKind.Bool, ParameterScope.LoadTime),
        Deprecated("mirostat", ParameterKind.Int, ParameterScope.Runtime),
        Deprecated("mirostat_tau", ParameterKind.Float, ParameterScope.Runtime),
        Deprecated("mirostat_eta", ParameterKind.Float, ParameterScope.Runtime),
    ];

    private static readonly FrozenDictionary<string, ParameterSpec> ByName =
        Specs.ToFrozenDictionary(s => s.Name, StringComparer.Ordinal);

    /// <summary>Every known parameter, supported ones first, then the deprecated ones.</summary>
    public static IReadOnlyList<ParameterSpec> All { get; } = Array.AsReadOnly(Specs);

    /// <summary>Looks up a parameter by exact (case-sensitive) name; deprecated names are found too.</summary>
    public static bool TryGet(string name, out ParameterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ByName.TryGetValue(name, out spec!);
    }

    /// <summary>Looks up a parameter.</summary>
    /// <exception cref="ModelParameterException"><c>unknown parameter '&lt;name&gt;'</c>.</exception>
    public static ParameterSpec Get(string name) =>
        TryGet(name, out var spec) ? spec : throw Unknown(name);

    /// <summary>True when <paramref name="name"/> is a known, deprecated parameter (accepted with a warning, ignored).</summary>
    public static bool IsDeprecated(string name) => TryGet(name, out var spec) && spec.IsDeprecated;

    /// <summary>
    /// Converts a PARAMETER value with Go's rules: ints by <c>strconv.ParseInt</c>, floats by <c>ParseFloat(_, 32)</c>,
    /// bools by <c>ParseBool</c>; <c>stop</c> gives a one-element list. Works for deprecated names too.
    /// </summary>
    /// <exception cref="ModelParameterException">Unknown name or unparsable value.</exception>
    public static ParameterValue Parse(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var spec = Get(name);
        return TryConvert(spec, value, out var result)
            ? result
            : throw new ModelParameterException(name, $"invalid {KindWord(spec.Kind)} value '{value}' for parameter '{name}'");
    }

    /// <summary>Non-throwing <see cref="Parse"/>; <paramref name="error"/> gets the message on failure.</summary>
    public static bool TryParse(string name, string value, out ParameterValue result, out string? error)
    {
        try
        {
            result = Parse(name, value);
            error = null;
            return true;
        }
        catch (ModelParameterException ex)
        {
            result = default;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>The warning text for a deprecated parameter (Ollama prints <c>warning: parameter x is deprecated</c>).</summary>
    public static string DeprecationWarning(string name) => $"parameter {name} is deprecated";

    internal static ModelParameterException Unknown(string name, int line = 0) =>
        new(name, $"unknown parameter '{name}'", line);

    internal static string KindWord(ParameterKind kind) => kind switch
    {
        ParameterKind.Int => "int",
        ParameterKind.Float => "float",
        ParameterKind.Bool => "bool",
        _ => "string",
    };

    private static bool TryConvert(ParameterSpec spec, string value, out ParameterValue result)
    {
        switch (spec.Kind)
        {
            case ParameterKind.Int when GoNumbers.TryParseInt64(value, out var i):
                result = ParameterValue.FromInt(i);
                return true;
            case ParameterKind.Float when GoNumbers.TryParseFloat32(value, out var f):
                result = ParameterValue.FromFloat(f);
                return true;
            case ParameterKind.Bool when GoNumbers.TryParseBool(value, out var b):
                result = ParameterValue.FromBool(b);
                return true;
            case ParameterKind.StringList:
                result = ParameterValue.FromStrings([value]);
                return true;
            default:
                result = default;
                return false;
        }
    }

    private static ParameterSpec Spec(string name, ParameterKind kind, ParameterValue? defaultValue, ParameterScope scope, string description) =>
        new(name, kind, defaultValue, scope, IsDeprecated: false, description);

    private static ParameterSpec Deprecated(string name, ParameterKind kind, ParameterScope scope) =>
        new(name, kind, null, scope, IsDeprecated: true, "deprecated; accepted with a warning and ignored");
}
