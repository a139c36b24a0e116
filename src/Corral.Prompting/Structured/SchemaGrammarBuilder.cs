using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Corral.Prompting.Structured.Model;
using Corral.Prompting.Structured.Rules;

namespace Corral.Prompting.Structured;

/// <summary>Turns a <see cref="ParsedSchema"/> into a llama.cpp GBNF grammar whose start rule is <c>root</c>.</summary>
internal sealed class SchemaGrammarBuilder
{
    private readonly ParsedSchema _schema;
    private readonly Dictionary<string, string?> _rules = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];
    private readonly Dictionary<string, string> _refNames = new(StringComparer.Ordinal);

    private static readonly JsonSerializerOptions LiteralOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private SchemaGrammarBuilder(ParsedSchema schema) => _schema = schema;

    /// <summary>Builds the grammar text.</summary>
    public static string Build(ParsedSchema schema)
    {
        var builder = new SchemaGrammarBuilder(schema);
        builder.Reserve("root");
        var root = builder.Visit(schema.Root, "root");
        if (builder._rules["root"] is null)
        {
            builder._rules["root"] = root;
        }

        var sb = new StringBuilder();
        foreach (var name in builder._order)
        {
            sb.Append(name).Append(" ::= ").Append(builder._rules[name]).Append('\n');
        }

        return sb.ToString();
    }

    private string Visit(SchemaNode node, string name) => node switch
    {
        AnyNode => Primitive("value"),
        NullNode => Primitive("null"),
        BooleanNode => Primitive("boolean"),
        NumberNode n => Number(n, name),
        StringNode s => String(s, name),
        LiteralNode l => Add(name, "(" + string.Join(" | ", l.Values.Select(v => Gbnf.Literal(Json(v)))) + ") " + Primitive("space")),
        AnyOfNode a => Add(name, string.Join(" | ", a.Options.Select((o, i) => Visit(o, $"{name}-{i}")))),
        ObjectNode o => Object(o, name),
        ArrayNode a => Add(name, "\"[\" space " + Gbnf.Repeat(Visit(a.Items, name + "-item"), a.MinItems, a.MaxItems, "\",\" space") + " \"]\" space"),
        TupleNode t => Add(name, "\"[\" space " + string.Join(" \",\" space ", t.Items.Select((item, i) => Visit(item, $"{name}-{i}"))) + " \"]\" space"),
        RefNode r => Ref(r),
        _ => throw new InvalidOperationException("unknown schema node " + node.GetType().Name),
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, LiteralOptions);

    private string Number(NumberNode n, string name)
    {
        if (!n.IsInteger)
        {
            return Primitive(n.NonNegative ? "nonnegative-number" : "number");
        }

        if (n.Minimum is null && n.Maximum is null)
        {
            return Primitive("integer");
        }

        return Add(name, "(" + IntegerRange.Expression(n.Minimum, n.Maximum) + ") " + Primitive("space"));
    }

    private string String(StringNode s, string name) => s.Format switch
    {
        StringFormat.Date => Primitive("date-string"),
        StringFormat.Time => Primitive("time-string"),
        StringFormat.DateTime => Primitive("date-time-string"),
        StringFormat.Uuid => Primitive("uuid"),
        _ when s.MinLength == 0 && s.MaxLength is null => Primitive("string"),
        _ => Add(name, "\"\\\"\" " + Gbnf.Repeat(Primitive("char"), s.MinLength, s.MaxLength) + " \"\\\"\" " + Primitive("space")),
    };

    private string Object(ObjectNode o, string name)
    {
        var kv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in o.Properties)
        {
            kv[p.Name] = Add($"{name}-{p.Name}-kv", Gbnf.Literal(Json(p.Name)) + " space \":\" space " + Visit(p.Schema, $"{name}-{p.Name}"));
        }

        Primitive("space");
        var required = o.Properties.Where(p => p.Required).Select(p => kv[p.Name]).ToList();
        var optional = o.Properties.Where(p => !p.Required).Select(p => kv[p.Name]).ToList();
        var extraIndex = -1;
        if (o.Additional is { } additional)
        {
            var key = o.Properties.Count == 0
                ? Primitive("string")
                : AddWith(name + "-additional-k", ExcludedStrings.Body(o.Properties.Select(p => p.Name)), "char", "space");
            optional.Add(Add(name + "-additional-kv", key + " \":\" space " + Visit(additional, name + "-additional-value")));
            extraIndex = optional.Count - 1;
        }

        var rule = new StringBuilder("\"{\" space ").AppendJoin(" \",\" space ", required);
        if (optional.Count > 0)
        {
            var chains = Enumerable.Range(0, optional.Count).Select(i => Chain(optional, i, extraIndex, name, firstOptional: false));
            rule.Append(required.Count > 0 ? " ( \",\" space ( " : " ( ").AppendJoin(" | ", chains).Append(required.Count > 0 ? " ) )?" : " )?");
        }

        return Add(name, rule.Append(" \"}\" space").ToString());
    }

    /// <summary>llama.cpp's get_recursive_refs: optional properties in order, each at most once; extras repeat.</summary>
    private string Chain(List<string> optional, int start, int extraIndex, string name, bool firstOptional)
    {
        var kv = optional[start];
        var repeat = start == extraIndex;
        var comma = $"( \",\" space {kv} )";
        var result = firstOptional ? comma + (repeat ? "*" : "?") : kv + (repeat ? " " + comma + "*" : "");
        if (start + 1 < optional.Count)
        {
            result += " " + Add($"{name}-{start}-rest", Chain(optional, start + 1, extraIndex, name, firstOptional: true));
        }

        return result;
    }

    private string Ref(RefNode r)
    {
        if (_refNames.TryGetValue(r.Pointer, out var existing))
        {
            return existing;
        }

        var last = r.Pointer == "#" ? "root" : r.Pointer[(r.Pointer.LastIndexOf('/') + 1)..];
        var name = Fresh("ref-" + Gbnf.RuleName(last));
        _refNames[r.Pointer] = name;
        Reserve(name);
        _rules[name] = Visit(_schema.Definitions[r.Pointer], name + "-value");
        return name;
    }

    private string Primitive(string name)
    {
        if (!_rules.ContainsKey(name))
        {
            var rule = PrimitiveRules.All[name];
            Reserve(name);
            _rules[name] = rule.Body;
            foreach (var dependency in rule.Dependencies)
            {
                Primitive(dependency);
            }
        }

        return name;
    }

    private string AddWith(string name, string body, params string[] dependencies)
    {
        foreach (var dependency in dependencies)
        {
            Primitive(dependency);
        }

        return Add(name, body);
    }

    /// <summary>Adds a rule, reusing an identical one of the same name or picking a fresh name.</summary>
    private string Add(string name, string body)
    {
        var clean = Gbnf.RuleName(name);
        if (_rules.TryGetValue(clean, out var existing) && (existing is null ? clean == "root" : existing == body))
        {
            _rules[clean] = body;
            return clean;
        }

        var fresh = Fresh(clean);
        Reserve(fresh);
        _rules[fresh] = body;
        return fresh;
    }

    private string Fresh(string name)
    {
        var clean = Gbnf.RuleName(name);
        if (!_rules.ContainsKey(clean) && !PrimitiveRules.All.ContainsKey(clean))
        {
            return clean;
        }

        var i = 0;
        while (_rules.ContainsKey(clean + i) || PrimitiveRules.All.ContainsKey(clean + i))
        {
            i++;
        }

        return clean + i;
    }

    private void Reserve(string name)
    {
        if (_rules.TryAdd(name, null))
        {
            _order.Add(name);
        }
    }
}
