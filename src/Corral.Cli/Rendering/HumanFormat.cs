using System.Globalization;

namespace Corral.Cli.Rendering;

/// <summary>Ollama's human-readable formats (<c>format.HumanBytes</c>, <c>format.HumanTime</c>, Go durations).</summary>
public static class HumanFormat
{
    private const long Kilo = 1000;
    private const long Mega = Kilo * 1000;
    private const long Giga = Mega * 1000;
    private const long Tera = Giga * 1000;

    /// <summary>Decimal sizes as Ollama prints them: <c>4.7 GB</c>, <c>42 GB</c>, <c>2 GB</c>, <c>512 B</c>.</summary>
    public static string Bytes(long bytes)
    {
        (double value, string unit) = bytes switch
        {
            >= Tera => ((double)bytes / Tera, "TB"),
            >= Giga => ((double)bytes / Giga, "GB"),
            >= Mega => ((double)bytes / Mega, "MB"),
            >= Kilo => ((double)bytes / Kilo, "KB"),
            _ => (0d, ""),
        };
        if (unit.Length == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        }

        if (value >= 10 || value == Math.Truncate(value))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)value} {unit}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:F1} {unit}");
    }

    /// <summary>Ollama's <c>format.HumanNumber</c> for parameter counts: <c>8B</c>, <c>3.2B</c>, <c>137M</c>, <c>4K</c>.</summary>
    public static string Number(ulong n)
    {
        const double billion = 1_000_000_000, million = 1_000_000, thousand = 1_000;
        var inv = CultureInfo.InvariantCulture;
        if (n >= billion)
        {
            var v = n / billion;
            return v == Math.Floor(v) ? v.ToString("F0", inv) + "B" : v.ToString("F1", inv) + "B";
        }

        if (n >= million)
        {
            var v = n / million;
            return v == Math.Floor(v) ? v.ToString("F0", inv) + "M" : v.ToString("F2", inv) + "M";
        }

        return n >= thousand ? (n / thousand).ToString("F0", inv) + "K" : n.ToString(inv);
    }

    /// <summary>
    /// Relative time as Ollama's <c>format.HumanTime</c>: <c>3 days ago</c>, <c>4 minutes from now</c>,
    /// <c>Forever</c> (more than 20 years ahead), <paramref name="zeroValue"/> for an unset time.
    /// </summary>
    public static string Time(DateTime time, DateTime now, string zeroValue = "Never")
    {
        if (time == default)
        {
            return zeroValue;
        }

        var delta = now.ToUniversalTime() - time.ToUniversalTime();
        if ((int)delta.TotalHours / 24 / 365 < -20)
        {
            return "Forever";
        }

        return delta < TimeSpan.Zero ? Duration(-delta) + " from now" : Duration(delta) + " ago";
    }

    /// <summary>Ollama's <c>humanDuration</c>: <c>Less than a second</c>, <c>About a minute</c>, <c>5 hours</c>...</summary>
    public static string Duration(TimeSpan d)
    {
        var seconds = (long)d.TotalSeconds;
        switch (seconds)
        {
            case < 1: return "Less than a second";
            case 1: return "1 second";
            case < 60: return string.Create(CultureInfo.InvariantCulture, $"{seconds} seconds");
        }

        var minutes = (long)d.TotalMinutes;
        switch (minutes)
        {
            case 1: return "About a minute";
            case < 60: return string.Create(CultureInfo.InvariantCulture, $"{minutes} minutes");
        }

        var hours = (long)Math.Round(d.TotalHours, MidpointRounding.AwayFromZero);
        return hours switch
        {
            1 => "About an hour",
            < 48 => string.Create(CultureInfo.InvariantCulture, $"{hours} hours"),
            < 24 * 7 * 2 => string.Create(CultureInfo.InvariantCulture, $"{hours / 24} days"),
            < 24 * 30 * 2 => string.Create(CultureInfo.InvariantCulture, $"{hours / 24 / 7} weeks"),
            < 24 * 365 * 2 => string.Create(CultureInfo.InvariantCulture, $"{hours / 24 / 30} months"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{hours / 24 / 365} years"),
        };
    }

    /// <summary>Go's <c>time.Duration.String()</c> for nanoseconds: <c>1.234567s</c>, <c>250ms</c>, <c>1m2.5s</c>, <c>0s</c>.</summary>
    public static string GoDuration(long nanoseconds) => Corral.Api.GoDuration.Format(nanoseconds);

    /// <summary>Ollama's progress-bar ETA: <c>1m14s</c>, <c>2h5m</c>, <c>99h+</c>.</summary>
    public static string Eta(TimeSpan d)
    {
        if (d >= TimeSpan.FromHours(100))
        {
            return "99h+";
        }

        if (d >= TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)d.TotalHours}h{(long)d.TotalMinutes % 60}m");
        }

        var rounded = (long)Math.Round(d.TotalSeconds, MidpointRounding.AwayFromZero);
        return GoDuration(rounded * 1_000_000_000L);
    }
}
