using Corral.Api.Models;

namespace Corral.Routing.Upstreams;

/// <summary>
/// Pairs tool results with the calls they answer. Native messages may carry no ids (a local model's calls, an
/// Ollama client): a call without an id gets a generated one, and a tool result without <c>tool_call_id</c> takes the
/// id of the earliest unanswered call of the same name (else the earliest unanswered call).
/// </summary>
internal sealed class ToolCallIds(string prefix)
{
    private readonly List<(string Id, string Name)> _open = [];
    private int _generated;

    /// <summary>The id of an assistant's call, generated if missing, now awaiting its result.</summary>
    public string Call(ToolCall call)
    {
        var id = string.IsNullOrEmpty(call.Id) ? $"{prefix}{++_generated:D4}" : call.Id;
        _open.Add((id, call.Function.Name));
        return id;
    }

    /// <summary>The id a tool result answers.</summary>
    public string Result(Message tool)
    {
        if (!string.IsNullOrEmpty(tool.ToolCallId))
        {
            _open.RemoveAll(c => c.Id == tool.ToolCallId);
            return tool.ToolCallId;
        }

        var index = _open.FindIndex(c => c.Name == tool.ToolName);
        if (index < 0)
        {
            index = _open.Count > 0 ? 0 : -1;
        }

        if (index < 0)
        {
            return $"{prefix}{++_generated:D4}";
        }

        var id = _open[index].Id;
        _open.RemoveAt(index);
        return id;
    }
}
