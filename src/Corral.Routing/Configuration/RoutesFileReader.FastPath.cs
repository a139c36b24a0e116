using System.Globalization;

namespace Corral.Routing.Configuration;

/// <summary>A route's <c>fast_path:</c>.</summary>
internal sealed partial class RoutesFileReader
{
    private static readonly string[] FastPathKeys = ["target", "rules", "escalate"];
    private static readonly string[] RuleKeys = ["task", "max_prompt_tokens", "has_schema", "has_tools"];
    private static readonly string[] EscalateValues = ["schema_mismatch", "tool_parse_failure"];

    private FastPathConfig? ReadFastPath(YamlNode node, string where, IReadOnlyDictionary<string, ProviderConfig> providers)
    {
        if (Fields(node, where, FastPathKeys) is not { } fields)
        {
            return null;
        }

        var target = Get(fields, "target") is { } t ? ReadTarget(t, where + ".target", providers) : RequiredMissing(node, where, "target");
        var rules = new List<FastPathRule>();
        var valid = target is not null;
        if (Get(fields, "rules") is not { } rulesNode)
        {
            Error(node, $"{where} needs rules (a list; any rule matching sends the call to the fast-path target)");
            valid = false;
        }
        else if (Items(rulesNode, where + ".rules") is { } items)
        {
            if (items.Count == 0)
            {
                Error(rulesNode, $"{where}.rules must hold at least one rule");
                valid = false;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if (ReadRule(items[i], $"{where}.rules[{i}]") is { } rule)
                {
                    rules.Add(rule);
                }
                else
                {
                    valid = false;
                }
            }
        }
        else
        {
            valid = false;
        }

        bool onSchema = false, onToolParse = false;
        if (Get(fields, "escalate") is { } escalate)
        {
            foreach (var item in Items(escalate, where + ".escalate", scalarIsList: true) ?? [])
            {
                switch (Text(item, where + ".escalate"))
                {
                    case "schema_mismatch":
                        onSchema = true;
                        break;
                    case "tool_parse_failure":
                        onToolParse = true;
                        break;
                    case { } other:
                        Error(item, $"unknown escalate value '{other}' (schema_mismatch or tool_parse_failure){NearestName.Hint(other, EscalateValues)}");
                        break;
                }
            }
        }

        return valid && target is not null
            ? new FastPathConfig { Target = target, Rules = rules, EscalateOnSchemaFailure = onSchema, EscalateOnToolParseFailure = onToolParse }
            : null;
    }

    /// <summary>One rule; its description lists its conditions in file order: <c>task=classify|summarize</c>,
    /// <c>max_prompt_tokens=2000,has_tools=false</c>.</summary>
    private FastPathRule? ReadRule(YamlNode node, string where)
    {
        if (Fields(node, where, RuleKeys) is not { } fields)
        {
            return null;
        }

        if (fields.Count == 0)
        {
            Error(node, $"{where} has no condition (task, max_prompt_tokens, has_schema or has_tools): it would match every call");
            return null;
        }

        var rule = new FastPathRule { Description = "" };
        var parts = new List<string>();
        var valid = true;
        foreach (var entry in fields.Values.OrderBy(e => e.Key.Line).ThenBy(e => e.Key.Column))
        {
            var key = entry.Key.Value;
            var at = $"{where}.{key}";
            switch (key)
            {
                case "task":
                    var tasks = (Items(entry.Value, at, scalarIsList: true) ?? []).Select(item => Text(item, at)).ToList();
                    if (tasks.Count == 0 && entry.Value is YamlSequence)
                    {
                        Error(entry.Value, $"{at} must name at least one task");
                    }

                    if (tasks.Count == 0 || tasks.Any(task => task is null))
                    {
                        valid = false;
                        break;
                    }

                    rule = rule with { Tasks = [.. tasks.Select(task => task!)] };
                    parts.Add("task=" + string.Join('|', rule.Tasks));
                    break;
                case "max_prompt_tokens":
                    if (PositiveInt(entry.Value, at) is { } max)
                    {
                        rule = rule with { MaxPromptTokens = max };
                        parts.Add("max_prompt_tokens=" + max.ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        valid = false;
                    }

                    break;
                default:
                    if (Bool(entry.Value, at) is { } flag)
                    {
                        rule = key == "has_schema" ? rule with { HasSchema = flag } : rule with { HasTools = flag };
                        parts.Add($"{key}={(flag ? "true" : "false")}");
                    }
                    else
                    {
                        valid = false;
                    }

                    break;
            }
        }

        return valid ? rule with { Description = string.Join(',', parts) } : null;
    }
}
