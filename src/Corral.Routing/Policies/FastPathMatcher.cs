using Corral.Routing.Configuration;

namespace Corral.Routing.Policies;

/// <summary>Decides whether a call takes a route's fast path: the first rule whose every condition holds wins.</summary>
public static class FastPathMatcher
{
    /// <summary>The matching rule, or null.</summary>
    public static FastPathRule? Match(FastPathConfig? fastPath, CallFacts facts)
    {
        if (fastPath is null)
        {
            return null;
        }

        foreach (var rule in fastPath.Rules)
        {
            if (Holds(rule, facts))
            {
                return rule;
            }
        }

        return null;
    }

    private static bool Holds(FastPathRule rule, CallFacts facts)
    {
        if (rule.Tasks is { Count: > 0 } tasks
            && (facts.Task is null || !tasks.Any(t => string.Equals(t, facts.Task, StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }

        if (rule.MaxPromptTokens is { } max && facts.EstimatedPromptTokens > max)
        {
            return false;
        }

        if (rule.HasSchema is { } schema && facts.HasSchema != schema)
        {
            return false;
        }

        return rule.HasTools is not { } tools || facts.HasTools == tools;
    }
}
