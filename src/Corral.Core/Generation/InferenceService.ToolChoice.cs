using System.Text.Json;
using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Prompting;
using Corral.Prompting.Output;
using Corral.Prompting.Output.Forcing;

namespace Corral.Core.Generation;

public sealed partial class InferenceService
{
    /// <summary>
    /// Checks a required tool call (<see cref="ChatRequest.RequireToolCall"/>) before anything loads: it needs tools,
    /// no <c>format</c>, and a template whose call format a grammar can express. Returns the check's forced call
    /// (without reasoning markers) or null when no call is required.
    /// </summary>
    private static ForcedToolCall? CheckToolChoice(ChatRequest request, IPromptTemplate template)
    {
        if (request.RequireToolCall is not { } required)
        {
            return null;
        }

        if (request.Tools is not { Length: > 0 })
        {
            throw CorralException.BadRequest("tool_choice: a tool call is required but the request has no tools");
        }

        if (request.Format is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } f && !(f.ValueKind == JsonValueKind.String && f.GetString() == ""))
        {
            throw CorralException.BadRequest("format and tool_choice cannot be combined: a required tool call already constrains the answer");
        }

        if (HarmonyParser.Matches(template.Source))
        {
            throw CorralException.BadRequest("tool_choice: the model's template writes tool calls in gpt-oss harmony channels, which Corral cannot enforce by grammar");
        }

        var format = ToolCallFormat.Detect(template)
            ?? throw CorralException.BadRequest("tool_choice: the model's template renders no tools, so a tool call cannot be required");
        var forced = new ForcedToolCall(request.Tools ?? [], required.Name);
        ToolGrammar(format, forced);
        return forced;
    }

    /// <summary>The grammar for a checked forced call, letting a reasoning block come first when the answer is split.</summary>
    private static string ToolChoiceGrammar(ForcedToolCall forced, IPromptTemplate template, string rendered, bool splitThinking)
    {
        var caps = template.Capabilities;
        if (splitThinking && caps.ThinkingOpenTag is { Length: > 0 } open && caps.ThinkingCloseTag is { Length: > 0 } close)
        {
            forced = forced with { Thinking = new ThinkingMarkers(open, close, ThinkingSplitter.PromptOpensThinking(rendered, open, close)) };
        }

        return ToolGrammar(ToolCallFormat.Detect(template)!, forced);
    }

    private static string ToolGrammar(ToolCallFormat format, ForcedToolCall forced)
    {
        try
        {
            return ToolCallGrammar.Build(format, forced);
        }
        catch (ToolChoiceNotEnforceableException e)
        {
            throw CorralException.BadRequest("tool_choice: " + e.Message);
        }
    }
}
