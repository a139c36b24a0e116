using System.Globalization;

namespace Corral.Templating.Jinja;

/// <summary>Sandbox limits and clock for rendering an untrusted template. Defaults are safe for chat templates.</summary>
public sealed record JinjaRenderOptions
{
    /// <summary>Shared default options.</summary>
    public static JinjaRenderOptions Default { get; } = new();

    /// <summary>Total loop iterations (all loops, filters over sequences, macro calls) allowed per render.</summary>
    public long MaxLoopIterations { get; init; } = 1_000_000;

    /// <summary>Maximum macro call nesting (recursion depth).</summary>
    public int MaxDepth { get; init; } = 200;

    /// <summary>Maximum length of the output and of any intermediate string, in UTF-16 chars (16 Mi).</summary>
    public long MaxOutputChars { get; init; } = 16L * 1024 * 1024;

    /// <summary>Wall-clock budget per render; null disables the check.</summary>
    public TimeSpan? Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Clock for <c>strftime_now</c> (local time); SOURCE_DATE_EPOCH overrides it when <see cref="HonorSourceDateEpoch"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>When true (default) and the SOURCE_DATE_EPOCH environment variable is set, strftime_now uses it (UTC).</summary>
    public bool HonorSourceDateEpoch { get; init; } = true;

    internal DateTimeOffset ResolveNow()
    {
        if (HonorSourceDateEpoch
            && Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH") is { Length: > 0 } epoch
            && long.TryParse(epoch, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return Clock.GetLocalNow();
    }
}
