namespace Corral.Prompting.Jinja;

/// <summary>
/// Passes the request's <c>think</c> setting the way llama.cpp's chat_template_kwargs do: <c>enable_thinking</c>
/// true/false, and <c>reasoning_effort</c> from the level for templates that read it. Nothing is set when the
/// request has no think setting, so templates keep their own defaults (as transformers renders them).
/// </summary>
internal static class ThinkingControl
{
    public static void Apply(ThinkSetting? think, HfTemplateTraits traits, Dictionary<string, object?> context)
    {
        if (think is not { } setting)
        {
            return;
        }

        context["enable_thinking"] = setting.Enabled;
        if (traits.UsesReasoningEffort && Effort(setting, traits) is { } effort)
        {
            context["reasoning_effort"] = effort;
        }
    }

    private static string? Effort(ThinkSetting setting, HfTemplateTraits traits)
    {
        if (!setting.Enabled)
        {
            return traits.DisabledEffort;
        }

        if (string.IsNullOrEmpty(setting.Level))
        {
            return traits.EnabledDefaultEffort;
        }

        var level = setting.Level.ToLowerInvariant();
        return level == "max" && !traits.KnowsMaxEffort ? "high" : level;
    }
}
