using System.Text.Json;
using System.Text.RegularExpressions;
using Corral.Prompting.Structured.Model;

namespace Corral.Prompting.Structured;

/// <summary>Walks a <see cref="ParsedSchema"/> against an instance, collecting errors with JSON-pointer paths.</summary>
internal sealed partial class SchemaValidator
{
    private const int MaxDepth = 256;

    private readonly ParsedSchema _schema;
    private readonly List<string> _errors = [];

    private SchemaValidator(ParsedSchema schema) => _schema = schema;

    /// <summary>Validates <paramref name="instance"/>; never throws.</summary>
    public static IReadOnlyList<string> Validate(ParsedSchema schema, JsonElement instance)
    {
        var validator = new SchemaValidator(schema);
        validator.Check(schema.Root, instance, "", 0);
        return validator._errors;
    }

    private void Fail(string path, string message) => _errors.Add($"#{path}: {message}");

    private bool Check(SchemaNode node, JsonElement value, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            Fail(path, "schema nesting too deep");
            return false;
        }

        var before = _errors.Count;
        switch (node)
        {
            case AnyNode:
                break;
            case NullNode:
                Expect(value, path, JsonValueKind.Null, "null");
                break;
            case BooleanNode:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    Fail(path, $"expected boolean, got {Kind(value)}");
                }

                break;
            case NumberNode n:
                CheckNumber(n, value, path);
                break;
            case StringNode s:
                CheckString(s, value, path);
                break;
            case LiteralNode l:
                if (!l.Values.Any(v => JsonValues.DeepEquals(v, value)))
                {
                    Fail(path, "value is not one of " + string.Join(", ", l.Values.Select(v => v.GetRawText())));
                }

                break;
            case AnyOfNode a:
                if (!a.Options.Any(o => Sandbox(o, value, path, depth)))
                {
                    Fail(path, $"value matches none of the {a.Options.Count} alternatives (anyOf/oneOf/type)");
                }

                break;
            case ObjectNode o:
                CheckObject(o, value, path, depth);
                break;
            case ArrayNode a:
                CheckArray(a, value, path, depth);
                break;
            case TupleNode t:
                CheckTuple(t, value, path, depth);
                break;
            case RefNode r:
                Check(_schema.Definitions[r.Pointer], value, path, depth + 1);
                break;
        }

        return _errors.Count == before;
    }

    /// <summary>Checks an alternative without keeping its errors.</summary>
    private bool Sandbox(SchemaNode node, JsonElement value, string path, int depth)
    {
        var before = _errors.Count;
        var ok = Check(node, value, path, depth + 1);
        _errors.RemoveRange(before, _errors.Count - before);
        return ok;
    }

    private bool Expect(JsonElement value, string path, JsonValueKind kind, string name)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        Fail(path, $"expected {name}, got {Kind(value)}");
        return false;
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private void CheckNumber(NumberNode n, JsonElement value, string path)
    {
        if (!Expect(value, path, JsonValueKind.Number, n.IsInteger ? "integer" : "number"))
        {
            return;
        }

        if (n.IsInteger && !JsonValues.IsInteger(value))
        {
            Fail(path, $"expected integer, got {value.GetRawText()}");
        }
        else if (n.NonNegative && JsonValues.IsNegative(value))
        {
            Fail(path, $"{value.GetRawText()} is less than the minimum 0");
        }
        else if (n.Minimum is { } min && JsonValues.CompareNumber(value, min) < 0)
        {
            Fail(path, $"{value.GetRawText()} is less than the minimum {min}");
        }
        else if (n.Maximum is { } max && JsonValues.CompareNumber(value, max) > 0)
        {
            Fail(path, $"{value.GetRawText()} is greater than the maximum {max}");
        }
    }

    private void CheckString(StringNode s, JsonElement value, string path)
    {
        if (!Expect(value, path, JsonValueKind.String, "string"))
        {
            return;
        }

        var length = JsonValues.GrammarLength(value);
        if (length < s.MinLength)
        {
            Fail(path, $"string is shorter than minLength {s.MinLength}");
        }
        else if (length > s.MaxLength)
        {
            Fail(path, $"string is longer than maxLength {s.MaxLength}");
        }

        var text = value.GetString() ?? "";
        var ok = s.Format switch
        {
            StringFormat.Date => DateFormat().IsMatch(text),
            StringFormat.Time => TimeFormat().IsMatch(text),
            StringFormat.DateTime => DateTimeFormat().IsMatch(text),
            StringFormat.Uuid => UuidFormat().IsMatch(text),
            _ => true,
        };
        if (!ok)
        {
            Fail(path, $"string is not a valid {s.Format switch { StringFormat.DateTime => "date-time", var f => f.ToString().ToLowerInvariant() }}");
        }
    }

    private const string DatePattern = @"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
    private const string TimePattern = @"([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{3})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])";

    [GeneratedRegex("^" + DatePattern + @"\z")]
    private static partial Regex DateFormat();

    [GeneratedRegex("^" + TimePattern + @"\z")]
    private static partial Regex TimeFormat();

    [GeneratedRegex("^" + DatePattern + "T" + TimePattern + @"\z")]
    private static partial Regex DateTimeFormat();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z")]
    private static partial Regex UuidFormat();
}
