using Corral.Prompting.Output.ToolCallFormats;

namespace Corral.Prompting.Output;

/// <summary>
/// One family's way of writing tool calls in its output. A format names the literal <see cref="Triggers"/> that start a
/// call anywhere in the answer (and whether a bare JSON object/array at the very start of the answer is one); the
/// <see cref="ToolCallParser"/> hands it the text from the trigger on until it can say where the call ends.
/// Formats are stateless and shared.
/// </summary>
public abstract class ToolCallFormat
{
    /// <summary>A short name for logs and <c>/api/show</c>-style diagnostics (e.g. <c>hermes</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Literals that start a tool call wherever they appear in the answer.</summary>
    public abstract IReadOnlyList<string> Triggers { get; }

    /// <summary>A JSON object or array at the very start of the answer (after whitespace) may be a call.</summary>
    public virtual bool JsonAtStart => false;

    /// <summary>Judges <paramref name="text"/>, which starts with one of <see cref="Triggers"/> (or, when
    /// <paramref name="bareJson"/>, with <c>{</c>/<c>[</c> at the start of the answer). With <paramref name="final"/> no
    /// more text will come, so the scan must decide.</summary>
    internal abstract CallScan Scan(ReadOnlySpan<char> text, bool final, bool bareJson, JsonScanState? resume = null);

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Picks the format a template's model is trained to emit, from the template text, or null when the
    /// template renders no tools. See <see cref="ToolCallFormatDetector"/>.</summary>
    public static ToolCallFormat? Detect(IPromptTemplate template) => ToolCallFormatDetector.Detect(template);
}
