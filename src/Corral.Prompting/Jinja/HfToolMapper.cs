using Corral.Api.Models;
using Corral.Templating.Jinja;

namespace Corral.Prompting.Jinja;

/// <summary>Native tools as the OpenAI-style list transformers passes in <c>tools</c>:
/// <c>{type, function: {name, description, parameters}}</c>, the schema's key order kept.
/// Like llama.cpp, a missing description is <c>""</c> and missing parameters <c>{}</c>.</summary>
internal static class HfToolMapper
{
    public static List<object?> Map(IReadOnlyList<Tool> tools)
    {
        var list = new List<object?>(tools.Count);
        foreach (var tool in tools)
        {
            var function = new OrderedDictionary<string, object?>(3, StringComparer.Ordinal)
            {
                ["name"] = tool.Function.Name,
                ["description"] = tool.Function.Description ?? "",
                ["parameters"] = tool.Function.Parameters is { } p ? JinjaValue.FromJson(p) : HfMessageMapper.EmptyObject(),
            };
            list.Add(new OrderedDictionary<string, object?>(2, StringComparer.Ordinal)
            {
                ["type"] = string.IsNullOrEmpty(tool.Type) ? "function" : tool.Type,
                ["function"] = function,
            });
        }

        return list;
    }
}
