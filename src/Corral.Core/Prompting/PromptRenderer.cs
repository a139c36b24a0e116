using System.Text;
using Corral.Api.Models;
using Corral.Core.Errors;
using Corral.Core.Store;
using Corral.Inference;

namespace Corral.Core.Prompting;

/// <summary>
/// Turns a request into prompt text. The chosen template, in order: the Modelfile <c>TEMPLATE</c>, then the GGUF's own
/// chat template (rendered by llama.cpp's built-in template support), then Ollama's default <c>{{ .Prompt }}</c>.
/// </summary>
public sealed class PromptRenderer
{
    /// <summary>Prompt for <c>/api/generate</c> (not raw): the prompt as a single user turn, with the system prompt.</summary>
    public string RenderGenerate(LocalModel model, IModelRunner runner, string prompt, string? system, string? templateOverride)
    {
        if (templateOverride is not null || model.Template is not null)
        {
            throw TemplatesNotSupported();
        }

        var messages = new List<Message>();
        if (!string.IsNullOrEmpty(system ?? model.System))
        {
            messages.Add(new Message { Role = "system", Content = system ?? model.System! });
        }

        messages.Add(new Message { Role = "user", Content = prompt });
        return RenderWithModelTemplate(runner, messages) ?? prompt;
    }

    /// <summary>Prompt for <c>/api/chat</c>: the messages (Modelfile MESSAGEs and SYSTEM already merged in).</summary>
    public string RenderChat(LocalModel model, IModelRunner runner, IReadOnlyList<Message> messages)
    {
        if (model.Template is not null)
        {
            throw TemplatesNotSupported();
        }

        return RenderWithModelTemplate(runner, messages) ?? RenderDefault(messages);
    }

    /// <summary>Whether the model has a chat template this renderer can use.</summary>
    public static bool HasChatTemplate(IModelRunner runner) =>
        runner.ApplyChatTemplate([new ChatTurn("user", "x")], addAssistantPrompt: true) is not null;

    private static string? RenderWithModelTemplate(IModelRunner runner, IReadOnlyList<Message> messages)
    {
        var turns = new ChatTurn[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            turns[i] = new ChatTurn(messages[i].Role, messages[i].Content);
        }

        return runner.ApplyChatTemplate(turns, addAssistantPrompt: true);
    }

    /// <summary>Ollama's default template <c>{{ .Prompt }}</c> in legacy per-turn mode: user prompts and assistant
    /// responses in order; system messages are not part of that template.</summary>
    private static string RenderDefault(IReadOnlyList<Message> messages)
    {
        var text = new StringBuilder();
        foreach (var message in messages)
        {
            if (message.Role is "user" or "assistant")
            {
                text.Append(message.Content);
            }
        }

        return text.ToString();
    }

    private static CorralException TemplatesNotSupported() =>
        CorralException.BadRequest("this model uses a Go TEMPLATE; Go template rendering is not available in this build yet");
}
