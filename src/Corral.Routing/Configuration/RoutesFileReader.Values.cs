using System.Globalization;
using Corral.Api;

namespace Corral.Routing.Configuration;

/// <summary>Typed reads of single values; each reports a problem at the node and returns null when the value is unusable.</summary>
internal sealed partial class RoutesFileReader
{
    private void Error(YamlNode at, string message) => errors.Add(new RoutesFileError(at.Line, at.Column, message));

    /// <summary>The keys of a map, each checked against <paramref name="allowed"/>; unknown and repeated keys are
    /// reported and skipped. Null (and a problem) when <paramref name="node"/> is not a map; empty for a YAML null.</summary>
    private Dictionary<string, YamlEntry>? Fields(YamlNode node, string where, params string[] allowed)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return new Dictionary<string, YamlEntry>(StringComparer.Ordinal);
        }

        if (node is not YamlMapping mapping)
        {
            Error(node, $"{where} must be a map ({string.Join(", ", allowed)})");
            return null;
        }

        var fields = new Dictionary<string, YamlEntry>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            var key = entry.Key.Value;
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                Error(entry.Key, $"unknown key '{key}' in {where}{NearestName.Hint(key, allowed)}");
            }
            else if (!fields.TryAdd(key, entry))
            {
                Error(entry.Key, $"duplicate key '{key}' in {where}");
            }
        }

        return fields;
    }

    /// <summary>The entries of a map whose keys are names (providers, routes, prices, headers), first of each name;
    /// a repeated name is reported as <c>duplicate {kind} 'x'</c>.</summary>
    private List<YamlEntry> Named(YamlNode node, string where, string kind, IEqualityComparer<string>? comparer = null)
    {
        var result = new List<YamlEntry>();
        if (node is YamlScalar { IsNull: true })
        {
            return result;
        }

        if (node is not YamlMapping mapping)
        {
            Error(node, $"{where} must be a map of {kind} names");
            return result;
        }

        var seen = new HashSet<string>(comparer ?? StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (!seen.Add(entry.Key.Value))
            {
                Error(entry.Key, $"duplicate {kind} '{entry.Key.Value}' in {where}");
                continue;
            }

            result.Add(entry);
        }

        return result;
    }

    private string? Text(YamlNode node, string where)
    {
        if (node is YamlScalar { IsNull: false } scalar && scalar.Value.Length > 0)
        {
            return scalar.Value;
        }

        Error(node, node is YamlScalar ? $"{where} must not be empty" : $"{where} must be a string");
        return null;
    }

    private bool? Bool(YamlNode node, string where)
    {
        if (node is YamlScalar scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    return true;
                case "false" or "False" or "FALSE":
                    return false;
            }
        }

        Error(node, $"{where} must be true or false");
        return null;
    }

    private int? PositiveInt(YamlNode node, string where)
    {
        if (node is YamlScalar scalar && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            if (value > 0)
            {
                return value;
            }

            Error(node, $"{where} must be greater than 0");
            return null;
        }

        Error(node, $"{where} must be a whole number");
        return null;
    }

    private decimal? Price(YamlNode node, string where)
    {
        if (node is YamlScalar scalar && decimal.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            if (value >= 0)
            {
                return value;
            }

            Error(node, $"{where} must not be negative");
            return null;
        }

        Error(node, $"{where} must be a number (US dollars per million tokens)");
        return null;
    }

    private double? Fraction(YamlNode node, string where)
    {
        if (node is YamlScalar scalar && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            if (value is >= 0 and <= 1)
            {
                return value;
            }

            Error(node, $"{where} must be between 0 and 1");
            return null;
        }

        Error(node, $"{where} must be a number between 0 and 1");
        return null;
    }

    /// <summary>A Go-style duration (<c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>), greater than zero.</summary>
    private TimeSpan? Duration(YamlNode node, string where)
    {
        if (node is YamlScalar { IsNull: false } scalar && GoDuration.TryParse(scalar.Value.AsSpan().Trim(), out var nanoseconds))
        {
            if (nanoseconds > 0)
            {
                return TimeSpan.FromTicks(Math.Max(1, nanoseconds / 100));
            }

            Error(node, $"{where} must be greater than zero");
            return null;
        }

        Error(node, $"{where} must be a duration such as 250ms, 30s, 5m or 1h30m");
        return null;
    }

    /// <summary>The items of a list; a single scalar counts as a one-item list when <paramref name="scalarIsList"/>.</summary>
    private IReadOnlyList<YamlNode>? Items(YamlNode node, string where, bool scalarIsList = false)
    {
        switch (node)
        {
            case YamlSequence sequence:
                return sequence.Items;
            case YamlScalar { IsNull: false } when scalarIsList:
                return [node];
            default:
                Error(node, $"{where} must be a list");
                return null;
        }
    }
}
