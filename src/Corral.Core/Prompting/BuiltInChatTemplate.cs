using Corral.Core.Errors;
using Corral.Inference;
using Corral.Prompting;

namespace Corral.Core.Prompting;

/// <summary>
/// Fallback for a GGUF chat template Corral's Jinja engine cannot parse: llama.cpp's built-in template matching. It
/// knows no tools or thinking, and the fallback is logged.
/// </summary>
internal sealed class BuiltInChatTemplate(string source, string parseError) : IPromptTemplate
{
    public TemplateSyntax Syntax => TemplateSyntax.Jinja;

    public string Origin => "GGUF chat template (llama.cpp built-in)";

    public string Source => source;

    public TemplateCapabilities Capabilities => TemplateCapabilities.None;

    public string Render(PromptInput input) => throw new NotSupportedException("needs the loaded model");

    public string Render(PromptInput input, IModelRunner? runner)
    {
        if (runner is null)
        {
            throw CorralException.Internal($"the GGUF chat template does not parse: {parseError}");
        }

        var turns = new ChatTurn[input.Messages.Count];
        for (var i = 0; i < turns.Length; i++)
        {
            turns[i] = new ChatTurn(input.Messages[i].Role, input.Messages[i].Content);
        }

        return runner.ApplyChatTemplate(turns, input.AddGenerationPrompt)
            ?? throw CorralException.Internal($"the GGUF chat template does not parse ({parseError}) and llama.cpp does not recognize it");
    }
}
