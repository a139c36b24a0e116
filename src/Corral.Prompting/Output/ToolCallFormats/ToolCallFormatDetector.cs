namespace Corral.Prompting.Output.ToolCallFormats;

/// <summary>Picks a <see cref="ToolCallFormat"/> from a chat template's text: the family-specific markers the template
/// writes for past calls are what the model is trained to emit. Falls back to Ollama's generic parser when the
/// template renders tools with no known marker.</summary>
public static class ToolCallFormatDetector
{
    /// <summary>Hermes / Qwen2.5 / Qwen3 / QwQ: <c>&lt;tool_call&gt;{json}&lt;/tool_call&gt;</c>.</summary>
    public static ToolCallFormat Hermes { get; } = new JsonBlockFormat("hermes", ["<tool_call>"], "</tool_call>", jsonAtStart: false);

    /// <summary>Llama 3.1-3.3: <c>&lt;|python_tag|&gt;{json}</c> or a bare JSON call at the start of the answer.</summary>
    public static ToolCallFormat Llama3 { get; } = new JsonBlockFormat("llama3", ["<|python_tag|>"], null, jsonAtStart: true) { ArgumentsKey = "parameters" };

    /// <summary>Mistral v3 (Nemo, Small 3): <c>[TOOL_CALLS][{json}, ...]</c>.</summary>
    public static ToolCallFormat MistralJson { get; } = new JsonBlockFormat("mistral", ["[TOOL_CALLS]"], null, jsonAtStart: false) { CallsInArray = true };

    /// <summary>Mistral v11+ (Devstral, Magistral, Ministral 3): <c>[TOOL_CALLS]name[ARGS]{json}</c>.</summary>
    public static ToolCallFormat MistralArgs { get; } = new NamedArgsFormat("mistral-args", "[TOOL_CALLS]", "[ARGS]", null);

    /// <summary>IBM Granite 3.x: <c>&lt;|tool_call|&gt;[{json}]</c>.</summary>
    public static ToolCallFormat Granite { get; } = new JsonBlockFormat("granite", ["<|tool_call|>"], null, jsonAtStart: false) { CallsInArray = true };

    /// <summary>DeepSeek V3 / V3.1 / R1: <c>&lt;｜tool▁call▁begin｜&gt;name&lt;｜tool▁sep｜&gt;{json}&lt;｜tool▁call▁end｜&gt;</c>.</summary>
    public static ToolCallFormat DeepSeek { get; } = new NamedArgsFormat(
        "deepseek", "<｜tool▁call▁begin｜>", "<｜tool▁sep｜>", "<｜tool▁call▁end｜>", "<｜tool▁calls▁begin｜>", "<｜tool▁calls▁end｜>");

    /// <summary>Kimi K2: <c>&lt;|tool_call_begin|&gt;functions.NAME:IDX&lt;|tool_call_argument_begin|&gt;{json}&lt;|tool_call_end|&gt;</c>.</summary>
    public static ToolCallFormat Kimi { get; } = new NamedArgsFormat(
        "kimi", "<|tool_call_begin|>", "<|tool_call_argument_begin|>", "<|tool_call_end|>", "<|tool_calls_section_begin|>", "<|tool_calls_section_end|>")
    {
        NameNormalizer = KimiName,
        NameWriter = name => "functions." + name + ":0",
    };

    /// <summary>GLM-4.5+: <c>&lt;tool_call&gt;NAME&lt;arg_key&gt;K&lt;/arg_key&gt;&lt;arg_value&gt;V&lt;/arg_value&gt;&lt;/tool_call&gt;</c>.</summary>
    public static ToolCallFormat Glm { get; } = new GlmXmlFormat();

    /// <summary>Functionary v3.1: <c>&lt;function=name&gt;{json}&lt;/function&gt;</c>.</summary>
    public static ToolCallFormat Functionary { get; } = new NamedArgsFormat("functionary", "<function=", ">", "</function>");

    /// <summary>Qwen3-Coder style XML parameters.</summary>
    public static ToolCallFormat QwenXml { get; } = new QwenXmlFormat();

    /// <summary>Ollama's generic parser with no marker: a JSON call must start the answer.</summary>
    public static ToolCallFormat GenericJson { get; } = new JsonBlockFormat("json", [], null, jsonAtStart: true);

    /// <summary>The format for <paramref name="template"/>, or null when it renders no tools.</summary>
    public static ToolCallFormat? Detect(IPromptTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Detect(template.Source, template.Syntax, template.Capabilities.Tools);
    }

    /// <summary>The format for a template's text, or null when it renders no tools and shows no known marker.</summary>
    public static ToolCallFormat? Detect(string source, TemplateSyntax syntax, bool rendersTools)
    {
        bool Has(string s) => source.Contains(s, StringComparison.Ordinal);
        if (Has("<｜tool▁call▁begin｜>")) return DeepSeek;
        if (Has("<parameter=") && Has("<function=")) return QwenXml;
        if (Has("<|tool_call_begin|>")) return Kimi;
        if (Has("<arg_key>")) return Glm;
        if (Has("[TOOL_CALLS]")) return Has("[ARGS]") ? MistralArgs : MistralJson;
        if (Has("<|tool_call|>")) return Granite;
        if (Has("<function=") && Has("</function>")) return Functionary;
        if (Has("<tool_call>")) return Hermes;
        if (Has("<|python_tag|>")) return Llama3;
        if (!rendersTools) return null;
        if (syntax == TemplateSyntax.Go && GoTrigger(source) is { Length: > 0 } trigger)
        {
            return new JsonBlockFormat("generic", [trigger], GuessCloser(trigger), jsonAtStart: false);
        }

        return GenericJson;
    }

    /// <summary>Ollama's rule: the first literal text after <c>{{ if .ToolCalls }}</c>, trimmed.</summary>
    internal static string? GoTrigger(string source)
    {
        int at = source.IndexOf(".ToolCalls", StringComparison.Ordinal);
        while (at >= 0)
        {
            int open = source.LastIndexOf("{{", at, StringComparison.Ordinal);
            int close = source.IndexOf("}}", at, StringComparison.Ordinal);
            if (open >= 0 && close > 0 && source.AsSpan(open + 2, at - open - 2).Trim().TrimStart('-').Trim() is "if")
            {
                int next = source.IndexOf("{{", close, StringComparison.Ordinal);
                string literal = (next < 0 ? source[(close + 2)..] : source[(close + 2)..next]).Trim();
                return literal.Length > 0 ? literal : null;
            }

            at = source.IndexOf(".ToolCalls", at + 1, StringComparison.Ordinal);
        }

        return null;
    }

    private static string KimiName(string written)
    {
        var name = written.AsSpan();
        if (name.StartsWith("functions.", StringComparison.Ordinal)) name = name["functions.".Length..];
        int colon = name.LastIndexOf(':');
        return (colon > 0 ? name[..colon] : name).ToString();
    }

    private static string? GuessCloser(string trigger) =>
        trigger.Length > 2 && trigger[0] == '<' && trigger[^1] == '>' && trigger[1] != '/' ? "</" + trigger[1..] : null;
}
