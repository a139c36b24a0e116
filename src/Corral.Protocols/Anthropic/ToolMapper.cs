using Corral.Api.Models;

namespace Corral.Protocols.Anthropic;

/// <summary>Maps client tools (<c>name</c>, <c>description</c>, <c>input_schema</c>) onto native function tools.
/// Server tools (a <c>type</c> such as <c>web_search_20250305</c>) are refused: Corral does not run them.</summary>
internal static class ToolMapper
{
    /// <summary><c>any</c> → a call to any tool is required, <c>tool</c> → a call to <c>name</c>; otherwise null.</summary>
    public static RequiredToolCall? Required(ToolDefinition[]? tools, ToolChoice? choice, bool hasFormat)
    {
        if (choice?.Type is not ("any" or "tool"))
        {
            return null;
        }

        if (tools is not { Length: > 0 })
        {
            throw new ProtocolException($"tool_choice: tool_choice.type '{choice.Type}' requires tools", "tool_choice");
        }

        string? name = null;
        if (choice.Type == "tool")
        {
            name = string.IsNullOrEmpty(choice.Name) ? throw new ProtocolException("tool_choice.name: Field required", "tool_choice.name") : choice.Name;
            if (!tools.Any(t => t.Name == name))
            {
                throw new ProtocolException($"tool_choice.name: tool '{name}' is not one of the request's tools", "tool_choice.name");
            }
        }

        if (hasFormat)
        {
            throw new ProtocolException(
                "tool_choice and output_config.format cannot be combined: a required tool call already constrains the answer", "tool_choice");
        }

        return new RequiredToolCall { Name = name };
    }

    public static Tool[]? Map(ToolDefinition[]? tools, ToolChoice? choice)
    {
        if (choice is not null && choice.Type is not ("auto" or "any" or "tool" or "none"))
        {
            throw new ProtocolException($"tool_choice.type: must be 'auto', 'any', 'tool' or 'none', not '{choice.Type}'", "tool_choice.type");
        }

        if (tools is not { Length: > 0 })
        {
            return null;
        }

        var mapped = new Tool[tools.Length];
        for (var i = 0; i < tools.Length; i++)
        {
            var tool = tools[i];
            if (tool.Type is not (null or "custom"))
            {
                throw new ProtocolException($"tools.{i}.type: server tool '{tool.Type}' is not supported by Corral", $"tools.{i}.type");
            }

            if (string.IsNullOrEmpty(tool.Name))
            {
                throw new ProtocolException($"tools.{i}.name: Field required", $"tools.{i}.name");
            }

            mapped[i] = new Tool
            {
                Function = new ToolFunction { Name = tool.Name, Description = tool.Description, Parameters = tool.InputSchema },
            };
        }

        return mapped;
    }
}
