namespace Corral.Prompting.Jinja;

/// <summary>
/// Builds the Jinja context transformers' <c>render_jinja_template</c> passes
/// (<c>messages, tools, documents, add_generation_prompt, bos_token, eos_token, **kwargs</c>) from a
/// <see cref="PromptInput"/>: thinking control as llama.cpp passes it, then the caller's variables, which win.
/// </summary>
internal static class HfContextBuilder
{
    public static Dictionary<string, object?> Build(PromptInput input, HfTemplateTraits traits)
    {
        var variables = input.Variables;
        var context = new Dictionary<string, object?>(8 + (variables?.Count ?? 0), StringComparer.Ordinal)
        {
            ["messages"] = HfMessageMapper.Map(input.Messages, traits),
            ["tools"] = input.Tools is null ? null : HfToolMapper.Map(input.Tools),
            ["documents"] = null,
            ["add_generation_prompt"] = input.AddGenerationPrompt,
            ["bos_token"] = input.Tokens.BosToken,
            ["eos_token"] = input.Tokens.EosToken,
        };
        ThinkingControl.Apply(input.Think, traits, context);
        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                context[name] = JinjaVariableConverter.Convert(value);
            }
        }

        return context;
    }
}
