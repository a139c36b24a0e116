using Corral.Templating.Go;

namespace Corral.Prompting.Go;

/// <summary>Ollama's legacy mode for templates without <c>.Messages</c>: the template runs once per completed turn
/// (system, prompt, response accumulated from the collated messages) and the final turn runs the tree cut after its
/// first <c>{{ .Response }}</c>, leaving the prompt open for the model.</summary>
internal static class LegacyExecution
{
    public static void Run(GoTemplate full, GoTemplate finalTurn, List<MessageValue> messages, ThinkValues think, TextWriter output)
    {
        string system = "", prompt = "", response = "";
        foreach (var m in messages)
        {
            switch (m.Role)
            {
                case "system":
                    if (prompt.Length > 0 || response.Length > 0) Execute();
                    system = m.Content;
                    break;
                case "user":
                    if (response.Length > 0) Execute();
                    prompt = m.Content;
                    break;
                case "assistant":
                    response = m.Content;
                    break;
            }
        }
        finalTurn.Render(OllamaData.Legacy(system, prompt, response, think), output);

        void Execute()
        {
            full.Render(OllamaData.Legacy(system, prompt, response, think), output);
            system = prompt = response = "";
        }
    }
}
