using Corral.Api.Models;

namespace Corral.Prompting.Go;

/// <summary>Ollama's <c>collate</c>: joins every system message into <c>.System</c> (blank line between) and merges
/// consecutive messages of the same role (except <c>tool</c>) with a blank line. System messages stay in the list.</summary>
internal static class Collate
{
    public static (string System, List<MessageValue> Messages) Run(IReadOnlyList<Message> messages)
    {
        string? system = null;
        var collated = new List<MessageValue>(messages.Count);
        foreach (var m in messages)
        {
            if (m == null) continue;
            string role = m.Role ?? "", content = m.Content ?? "";
            if (role == "system") system = system == null ? content : system + "\n\n" + content;
            if (collated.Count > 0 && collated[^1].Role == role && role != "tool")
                collated[^1].Content += "\n\n" + content;
            else
                collated.Add(new MessageValue(m, content));
        }
        return (system ?? "", collated);
    }
}
