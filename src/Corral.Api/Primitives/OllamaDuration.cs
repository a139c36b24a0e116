using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace Corral.Api;

/// <summary>
/// A keep-alive style duration (Ollama <c>api.Duration</c>): a JSON number of seconds (fractional allowed) or a Go
/// duration string (<c>"5m"</c>, <c>"1h30m"</c>, <c>"300ms"</c>); any negative value means "forever"
/// (<see cref="Timeout.InfiniteTimeSpan"/>). Plain integer strings (<c>"300"</c>, <c>"-1"</c>) are accepted as
/// seconds. Resolution is .NET ticks (100 ns).
/// </summary>
[JsonConverter(typeof(OllamaDurationJsonConverter))]
public readonly record struct OllamaDuration : ISpanParsable<OllamaDuration>
{
    private const long NanosPerTick = 100;

    /// <summary>
    /// Creates a duration; any negative value, and any value beyond Go's <c>time.Duration</c> range (~292 years),
    /// becomes <see cref="Forever"/>.
    /// </summary>
    public OllamaDuration(TimeSpan value) =>
        Value = value < TimeSpan.Zero || value.Ticks > long.MaxValue / NanosPerTick ? Timeout.InfiniteTimeSpan : value;

    /// <summary>The duration; <see cref="Timeout.InfiniteTimeSpan"/> when <see cref="IsForever"/>.</summary>
    public TimeSpan Value { get; }

    /// <summary>Never expire.</summary>
    public static OllamaDuration Forever => new(Timeout.InfiniteTimeSpan);

    /// <summary>Ollama's default keep-alive, five minutes.</summary>
    public static OllamaDuration DefaultKeepAlive => new(TimeSpan.FromMinutes(5));

    /// <summary>True for "forever".</summary>
    public bool IsForever => Value == Timeout.InfiniteTimeSpan;

    /// <summary>From a JSON number of seconds: negative → forever; values beyond TimeSpan range → forever.</summary>
    public static OllamaDuration FromSeconds(double seconds)
    {
        if (double.IsNaN(seconds))
        {
            throw new FormatException("invalid duration: NaN");
        }

        if (seconds < 0 || seconds * TimeSpan.TicksPerSecond >= TimeSpan.MaxValue.Ticks)
        {
            return Forever;
        }

        return new(TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond)));
    }

    /// <summary>Parses a Go duration string or integer seconds.</summary>
    /// <exception cref="FormatException">Not a duration.</exception>
    public static OllamaDuration Parse(string s) => Parse(s, null);

    /// <inheritdoc cref="Parse(string)"/>
    public static OllamaDuration Parse(string s, IFormatProvider? provider)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Parse(s.AsSpan(), provider);
    }

    /// <inheritdoc cref="Parse(string)"/>
    public static OllamaDuration Parse(ReadOnlySpan<char> s, IFormatProvider? provider) =>
        TryParse(s, provider, out var d) ? d : throw new FormatException($"time: invalid duration \"{s}\"");

    /// <summary>Tries to parse; never throws.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out OllamaDuration result) => TryParse(s.AsSpan(), null, out result);

    /// <inheritdoc cref="TryParse(string?, out OllamaDuration)"/>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out OllamaDuration result) =>
        TryParse(s.AsSpan(), provider, out result);

    /// <inheritdoc cref="TryParse(string?, out OllamaDuration)"/>
    public static bool TryParse(ReadOnlySpan<char> s, IFormatProvider? provider, out OllamaDuration result)
    {
        result = default;
        if (IsGoInteger(s) && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            result = seconds < 0 ? Forever : seconds >= TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerSecond ? Forever : new(TimeSpan.FromSeconds(seconds));
            return true;
        }

        if (!GoDuration.TryParse(s, out var nanos))
        {
            return false;
        }

        result = nanos < 0 ? Forever : new(TimeSpan.FromTicks(nanos / NanosPerTick));
        return true;
    }

    /// <summary>
    /// The <c>OLLAMA_KEEP_ALIVE</c> rule: trims spaces and quotes; integer seconds, else a Go duration; negative →
    /// forever; empty or unparsable → <paramref name="fallback"/> (default five minutes). Never throws.
    /// </summary>
    public static OllamaDuration FromEnvironmentValue(string? value, OllamaDuration? fallback = null)
    {
        var cleaned = EnvironmentValue.Clean(value);
        return cleaned.Length > 0 && TryParse(cleaned, out var d) ? d : fallback ?? DefaultKeepAlive;
    }

    /// <summary>Go duration text (<c>5m0s</c>), or <c>-1</c> for forever.</summary>
    public override string ToString() =>
        IsForever ? "-1" : GoDuration.Format(Value.Ticks * NanosPerTick);

    private static bool IsGoInteger(ReadOnlySpan<char> s)
    {
        if (!s.IsEmpty && s[0] is '+' or '-')
        {
            s = s[1..];
        }

        if (s.IsEmpty)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
