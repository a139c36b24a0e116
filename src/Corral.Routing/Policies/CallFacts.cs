using System.Text.Json;
using Corral.Api.Models;

namespace Corral.Routing.Policies;

/// <summary>What the fast-path rules look at, read once from the request.</summary>
public sealed record CallFacts
{
    /// <summary>From the <c>X-Corral-Task</c> header (or request metadata); null when not given.</summary>
    public string? Task { get; init; }

    /// <summary>A cheap estimate: characters of every message, system prompt and tool definition divided by 4.</summary>
    public int EstimatedPromptTokens { get; init; }

    /// <summary>The request carries <c>format</c> (a JSON schema or <c>"json"</c>).</summary>
    public bool HasSchema { get; init; }

    public bool HasTools { get; init; }

    public static CallFacts Of(ChatRequest request, string? task)
    {
        long characters = 0;
        foreach (var message in request.Messages ?? [])
        {
            characters += message.Content.Length + (message.Thinking?.Length ?? 0);
            foreach (var call in message.ToolCalls ?? [])
            {
                characters += call.Function.Name.Length + (call.Function.Arguments is { } arguments ? arguments.GetRawText().Length : 0);
            }
        }

        foreach (var tool in request.Tools ?? [])
        {
            characters += tool.Function.Name.Length + (tool.Function.Description?.Length ?? 0);
            characters += tool.Function.Parameters is { } parameters ? parameters.GetRawText().Length : 0;
        }

        return new CallFacts
        {
            Task = string.IsNullOrWhiteSpace(task) ? null : task.Trim(),
            EstimatedPromptTokens = (int)Math.Min(int.MaxValue, (characters + 3) / 4),
            HasSchema = request.Format is { ValueKind: JsonValueKind.Object or JsonValueKind.String },
            HasTools = request.Tools is { Length: > 0 },
        };
    }
}
