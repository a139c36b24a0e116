using System.Collections.ObjectModel;

namespace Corral.Modelfile;

/// <summary>
/// The result of merging PARAMETER lines: typed values by name (first-seen order) plus warnings for deprecated
/// parameters. Repeated <c>stop</c> lines append; any other repeat replaces the earlier value (last wins).
/// </summary>
public sealed class ParameterSet
{
    private ParameterSet(IReadOnlyDictionary<string, ParameterValue> values, IReadOnlyList<string> warnings)
    {
        Values = values;
        Warnings = warnings;
    }

    /// <summary>The merged values (deprecated parameters are not included).</summary>
    public IReadOnlyDictionary<string, ParameterValue> Values { get; }

    /// <summary>Warnings to surface to the user, e.g. <c>parameter mirostat is deprecated</c>.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Merges the PARAMETER commands of a Modelfile (other instructions are ignored).</summary>
    /// <exception cref="ModelParameterException">Unknown parameter or bad value; carries the command's line.</exception>
    public static ParameterSet FromModelfile(Modelfile modelfile)
    {
        ArgumentNullException.ThrowIfNull(modelfile);
        return Merge(modelfile.OfInstruction(ModelfileInstruction.Parameter).Select(c => (c.Name!, c.Value, c.Line)));
    }

    /// <summary>Merges name/value pairs (e.g. from <c>/set parameter</c>).</summary>
    /// <exception cref="ModelParameterException">Unknown parameter or bad value.</exception>
    public static ParameterSet Merge(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Merge(parameters.Select(p => (p.Key, p.Value, 0)));
    }

    private static ParameterSet Merge(IEnumerable<(string Name, string Value, int Line)> parameters)
    {
        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        var warnings = new List<string>();
        foreach (var (name, value, line) in parameters)
        {
            if (!ModelParameters.TryGet(name, out var spec))
            {
                throw ModelParameters.Unknown(name, line);
            }

            if (spec.IsDeprecated)
            {
                warnings.Add(ModelParameters.DeprecationWarning(name));
                continue;
            }

            ParameterValue parsed;
            try
            {
                parsed = ModelParameters.Parse(name, value);
            }
            catch (ModelParameterException ex) when (line > 0)
            {
                throw new ModelParameterException(name, ex.Reason, line);
            }

            if (spec.Kind == ParameterKind.StringList && values.TryGetValue(name, out var existing))
            {
                parsed = ParameterValue.FromStrings([.. existing.AsStrings(), .. parsed.AsStrings()]);
            }

            values[name] = parsed;
        }

        return new ParameterSet(new ReadOnlyDictionary<string, ParameterValue>(values), warnings.AsReadOnly());
    }
}
