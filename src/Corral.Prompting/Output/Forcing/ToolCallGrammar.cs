using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Corral.Api.Models;
using Corral.Prompting.Output.ToolCallFormats;
using Corral.Prompting.Structured;
using Corral.Prompting.Structured.Rules;

namespace Corral.Prompting.Output.Forcing;

/// <summary>
/// Builds the GBNF grammar that makes the model's whole answer exactly one tool call, written the way the template's
/// <see cref="ToolCallFormat"/> writes calls (so the <see cref="ToolCallParser"/> reads it back), whose arguments match
/// the tool's JSON-schema parameters (<see cref="JsonSchemaGrammar"/>). Several candidate tools are an alternation, each
/// name with its own argument schema. Families whose calls are not JSON (Qwen3-Coder/GLM XML parameters, gpt-oss
/// harmony) are refused with <see cref="ToolChoiceNotEnforceableException"/>.
/// </summary>
public static class ToolCallGrammar
{
    private const string Sp = "[ \\n]{0,2}";

    /// <summary>The grammar (start rule <c>root</c>).</summary>
    /// <exception cref="ToolChoiceNotEnforceableException">The format or a tool's schema cannot be enforced.</exception>
    public static string Build(ToolCallFormat format, ForcedToolCall forced)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(forced);
        var tools = Candidates(forced);
        var sb = new StringBuilder();
        var calls = new List<string>(tools.Count);
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i].Function;
            string args = ArgumentRules(tool, $"t{i}-", sb);
            string rule = $"call-{i}";
            sb.Append(rule).Append(" ::= ").Append(CallBody(format, tool.Name, args)).Append('\n');
            calls.Add(rule);
        }

        string body = WrapCalls(format, string.Join(" | ", calls));
        string root = forced.Thinking is { } t ? Thinking(t, sb) + " " + Sp + " " + body : body;
        return "root ::= " + root + "\n" + sb;
    }

    private static List<Tool> Candidates(ForcedToolCall forced)
    {
        if (forced.Tools.Count == 0) throw new ToolChoiceNotEnforceableException("a tool call is required but the request has no tools");
        if (forced.Name is null) return [.. forced.Tools];
        var named = forced.Tools.Where(t => t.Function.Name == forced.Name).Take(1).ToList();
        return named.Count > 0 ? named
            : throw new ToolChoiceNotEnforceableException($"tool '{forced.Name}' is not one of the request's tools");
    }

    private static string ArgumentRules(ToolFunction tool, string prefix, StringBuilder sb)
    {
        var schema = tool.Parameters is { ValueKind: JsonValueKind.Object } p ? p : JsonDocument.Parse("""{"type":"object"}""").RootElement;
        if (schema.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "object"))
        {
            throw new ToolChoiceNotEnforceableException($"the parameters of tool '{tool.Name}' are not a JSON object schema");
        }

        try
        {
            sb.Append(GbnfPrefixer.Prefix(JsonSchemaGrammar.FromSchema(schema), prefix));
            return prefix + "root";
        }
        catch (UnsupportedSchemaException e)
        {
            throw new ToolChoiceNotEnforceableException($"the parameters of tool '{tool.Name}' cannot be enforced: {e.Message}", e);
        }
    }

    private static string CallBody(ToolCallFormat format, string name, string args) => format switch
    {
        JsonBlockFormat json => "\"{\" " + Sp + " " + Gbnf.Literal("\"name\"") + " " + Sp + " \":\" " + Sp + " " + Gbnf.Literal(JsonString(name))
            + " " + Sp + " \",\" " + Sp + " " + Gbnf.Literal(JsonString(json.ArgumentsKey)) + " " + Sp + " \":\" " + Sp + " " + args + " " + Sp + " \"}\"",
        NamedArgsFormat named => Gbnf.Literal(named.Trigger + (named.NameWriter?.Invoke(name) ?? name) + named.Separator) + " " + Sp + " " + args
            + (named.Closer is { } c ? " " + Sp + " " + Gbnf.Literal(c) : ""),
        _ => throw new ToolChoiceNotEnforceableException(
            $"the model's template writes tool calls in the '{format.Name}' format, which Corral cannot enforce by grammar"),
    };

    private static string WrapCalls(ToolCallFormat format, string calls)
    {
        switch (format)
        {
            case JsonBlockFormat json:
                string inner = json.CallsInArray ? "\"[\" " + Sp + " (" + calls + ") " + Sp + " \"]\"" : "(" + calls + ")";
                string open = json.JsonAtStart || json.Triggers.Count == 0 ? "" : Gbnf.Literal(json.Triggers[0]) + " " + Sp + " ";
                string close = json.Closer is { } c ? " " + Sp + " " + Gbnf.Literal(c) : "";
                return "(" + open + inner + close + ")";
            case NamedArgsFormat named when named.Wrappers.Count >= 2:
                return "(" + Gbnf.Literal(named.Wrappers[0]) + " (" + calls + ") " + Gbnf.Literal(named.Wrappers[1]) + ")";
            default:
                return "(" + calls + ")";
        }
    }

    /// <summary>An optional reasoning block before the call (required to close when the prompt opened it). Its text may
    /// not contain the first character of the closing marker, which keeps the rule exact and small.</summary>
    private static string Thinking(ThinkingMarkers t, StringBuilder sb)
    {
        string text = "[^" + Gbnf.ClassChar(t.Close[0]) + "]*";
        if (t.PromptOpens)
        {
            sb.Append("think ::= ").Append(text).Append(' ').Append(Gbnf.Literal(t.Close)).Append('\n');
            return "think";
        }

        sb.Append("think ::= ").Append(Gbnf.Literal(t.Open)).Append(' ').Append(text).Append(' ').Append(Gbnf.Literal(t.Close)).Append('\n');
        return "think?";
    }

    private static string JsonString(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
