using System.Text.Json;
using Corral.Core.Errors;
using Corral.Modelfile;

namespace Corral.Core.Generation;

/// <summary>
/// Builds <see cref="ModelOptions"/> from the model's PARAMETER layer and a request's <c>options</c>, request values winning.
/// A name Corral does not know, a wrong JSON type, or a deprecated option set to a non-neutral value is a 400 that
/// names it: nothing a client asks for is silently ignored.
/// </summary>
public static class OptionsResolver
{
    public static ModelOptions Resolve(
        IReadOnlyDictionary<string, JsonElement>? modelParameters, IReadOnlyDictionary<string, JsonElement>? requestOptions)
    {
        var options = new ModelOptions();
        options = ApplyAll(options, modelParameters);
        return ApplyAll(options, requestOptions);
    }

    private static ModelOptions ApplyAll(ModelOptions options, IReadOnlyDictionary<string, JsonElement>? values)
    {
        if (values is null)
        {
            return options;
        }

        foreach (var (name, value) in values)
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            options = Apply(options, name, value);
        }

        return options;
    }

    private static ModelOptions Apply(ModelOptions o, string name, JsonElement v) => name switch
    {
        "num_ctx" => o with { NumCtx = Positive(name, Int(name, v)) },
        "num_batch" => o with { NumBatch = Positive(name, Int(name, v)) },
        "num_gpu" => o with { NumGpu = Int(name, v) },
        "main_gpu" => o with { MainGpu = Int(name, v) },
        "use_mmap" => o with { UseMmap = Bool(name, v) },
        "num_thread" => o with { NumThread = NonNegative(name, Int(name, v)) },
        "num_predict" => o with { NumPredict = Int(name, v) },
        "num_keep" => o with { NumKeep = Int(name, v) },
        "seed" => o with { Seed = Long(name, v) },
        "temperature" => o with { Temperature = NonNegative(name, Float(name, v)) },
        "top_k" => o with { TopK = Int(name, v) },
        "top_p" => o with { TopP = Float(name, v) },
        "min_p" => o with { MinP = Float(name, v) },
        "typical_p" => o with { TypicalP = Float(name, v) },
        "repeat_last_n" => o with { RepeatLastN = Int(name, v) },
        "repeat_penalty" => o with { RepeatPenalty = Float(name, v) },
        "presence_penalty" => o with { PresencePenalty = Float(name, v) },
        "frequency_penalty" => o with { FrequencyPenalty = Float(name, v) },
        "stop" => o with { Stop = Strings(name, v) },
        "draft_num_predict" => Int(name, v) <= 0
            ? o
            : throw CorralException.BadRequest("option 'draft_num_predict' needs a draft model, which Corral does not support yet"),
        _ when ModelParameters.IsDeprecated(name) => IsNeutral(v)
            ? o
            : throw CorralException.BadRequest($"option '{name}' is deprecated and not supported"),
        _ => throw CorralException.BadRequest($"unknown option '{name}'"),
    };

    private static bool IsNeutral(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.False => true,
        JsonValueKind.Number => v.GetDouble() == 0,
        _ => false,
    };

    private static int Int(string name, JsonElement v)
    {
        var d = Number(name, v);
        return d is >= int.MinValue and <= int.MaxValue
            ? (int)Math.Truncate(d)
            : throw CorralException.BadRequest($"option '{name}' is out of range");
    }

    private static long Long(string name, JsonElement v)
    {
        var d = Number(name, v);
        return d is >= long.MinValue and <= long.MaxValue
            ? (long)Math.Truncate(d)
            : throw CorralException.BadRequest($"option '{name}' is out of range");
    }

    private static float Float(string name, JsonElement v)
    {
        var d = Number(name, v);
        return double.IsFinite(d) && Math.Abs(d) <= float.MaxValue
            ? (float)d
            : throw CorralException.BadRequest($"option '{name}' is out of range");
    }

    private static double Number(string name, JsonElement v) =>
        v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw CorralException.BadRequest($"option '{name}' must be a number, got {Describe(v)}");

    private static bool Bool(string name, JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw CorralException.BadRequest($"option '{name}' must be true or false, got {Describe(v)}"),
    };

    private static string[] Strings(string name, JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.String)
        {
            return [v.GetString()!];
        }

        if (v.ValueKind != JsonValueKind.Array)
        {
            throw CorralException.BadRequest($"option '{name}' must be a list of strings, got {Describe(v)}");
        }

        var result = new string[v.GetArrayLength()];
        var i = 0;
        foreach (var item in v.EnumerateArray())
        {
            result[i++] = item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw CorralException.BadRequest($"option '{name}' must be a list of strings, got {Describe(item)} in it");
        }

        return result;
    }

    private static int Positive(string name, int value) =>
        value > 0 ? value : throw CorralException.BadRequest($"option '{name}' must be greater than 0");

    private static T NonNegative<T>(string name, T value) where T : System.Numerics.INumber<T> =>
        value >= T.Zero ? value : throw CorralException.BadRequest($"option '{name}' must not be negative");

    private static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => v.ValueKind.ToString().ToLowerInvariant(),
    };
}
