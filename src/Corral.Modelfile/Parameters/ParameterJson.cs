using System.Text.Json;

namespace Corral.Modelfile;

/// <summary>
/// Converts API <c>options</c> JSON values with Ollama's <c>Options.FromMap</c> rules: ints accept any JSON number
/// (truncated toward zero), floats any number, bools only true/false, <c>stop</c> an array of strings; strings
/// are never coerced. <c>null</c> means "not set".
/// </summary>
public static class ParameterJson
{
    /// <summary>Converts one option value; returns false for JSON null (ignored, as in Ollama).</summary>
    /// <exception cref="ModelParameterException">Unknown option (only when <paramref name="spec"/> lookup fails) or wrong JSON type.</exception>
    public static bool TryConvert(string name, JsonElement value, out ParameterValue result)
    {
        var spec = ModelParameters.Get(name);
        result = default;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        switch (spec.Kind)
        {
            case ParameterKind.Int when value.ValueKind == JsonValueKind.Number:
                result = ParameterValue.FromInt(value.TryGetInt64(out var l) ? l : Truncate(value.GetDouble()));
                return true;
            case ParameterKind.Float when value.ValueKind == JsonValueKind.Number:
                result = ParameterValue.FromFloat((float)value.GetDouble());
                return true;
            case ParameterKind.Bool when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                result = ParameterValue.FromBool(value.GetBoolean());
                return true;
            case ParameterKind.StringList when value.ValueKind == JsonValueKind.Array:
                var items = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        throw new ModelParameterException(name, $"option \"{name}\" must be of an array of strings");
                    }

                    items.Add(item.GetString()!);
                }

                result = ParameterValue.FromStrings(items);
                return true;
            default:
                throw new ModelParameterException(name, $"option \"{name}\" must be of type {JsonTypeWord(spec.Kind)}");
        }
    }

    private static long Truncate(double d) =>
        double.IsNaN(d) ? 0 : d >= long.MaxValue ? long.MaxValue : d <= long.MinValue ? long.MinValue : (long)Math.Truncate(d);

    private static string JsonTypeWord(ParameterKind kind) => kind switch
    {
        ParameterKind.Int => "integer",
        ParameterKind.Float => "float32",
        ParameterKind.Bool => "boolean",
        _ => "array",
    };
}
