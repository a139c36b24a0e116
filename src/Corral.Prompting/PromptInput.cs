using Corral.Api.Models;

namespace Corral.Prompting;

/// <summary>What a template renders: the conversation in the native API's shapes.</summary>
public sealed record PromptInput
{
    /// <summary>The messages, with the Modelfile's SYSTEM and MESSAGEs already merged in, roles lower-case.
    /// For <c>/api/generate</c>: an optional system message and one user message holding the prompt.</summary>
    public IReadOnlyList<Message> Messages { get; init; } = [];

    /// <summary>Tools offered to the model; null when the request has none (Jinja templates then see <c>tools</c> as None,
    /// as transformers passes it).</summary>
    public IReadOnlyList<Tool>? Tools { get; init; }

    /// <summary>The request's thinking setting; null when the request did not set one.</summary>
    public ThinkSetting? Think { get; init; }

    /// <summary>Fill-in-the-middle: text after the insertion point (<c>/api/generate</c>'s <c>suffix</c>).</summary>
    public string? Suffix { get; init; }

    /// <summary>Append the assistant turn's opening (Jinja's <c>add_generation_prompt</c>; Go templates always leave the
    /// prompt open after the last message).</summary>
    public bool AddGenerationPrompt { get; init; } = true;

    /// <summary>Special token text of the model (Jinja's <c>bos_token</c>, <c>eos_token</c>).</summary>
    public SpecialTokens Tokens { get; init; } = SpecialTokens.None;

    /// <summary>Extra Jinja variables (e.g. <c>enable_thinking</c>, or anything <c>corral template render</c> passes under
    /// <c>vars</c>). Values are .NET values or <see cref="System.Text.Json.JsonElement"/>s.</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
}

/// <summary><c>think</c>: on/off and an optional level (<c>low</c>, <c>medium</c>, <c>high</c>, <c>max</c>).</summary>
public readonly record struct ThinkSetting(bool Enabled, string? Level = null);

/// <summary>The model's special tokens as text.</summary>
public sealed record SpecialTokens(string BosToken, string EosToken)
{
    public static SpecialTokens None { get; } = new("", "");
}
