using System.Globalization;
using System.Text;

namespace Corral.Cli.Rendering;

/// <summary>One line of a <see cref="ProgressRenderer"/>.</summary>
public abstract class ProgressState
{
    /// <summary>The line as it should look now, for a terminal <paramref name="width"/> columns wide.</summary>
    public abstract string Render(int width, DateTime now);

    /// <summary>True once the line will not change any more.</summary>
    public abstract bool IsFinished { get; }
}

/// <summary>A status line with a braille spinner while active (Ollama's <c>progress.Spinner</c>).</summary>
public sealed class Spinner : ProgressState
{
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly DateTime _started = DateTime.UtcNow;
    private volatile string _message;
    private volatile bool _stopped;

    /// <summary>Creates a spinner.</summary>
    public Spinner(string message) => _message = message;

    /// <summary>The message (may change while spinning, e.g. upload percentage).</summary>
    public string Message
    {
        get => _message;
        set => _message = value;
    }

    /// <inheritdoc />
    public override bool IsFinished => _stopped;

    /// <summary>Stops spinning; the line keeps its message.</summary>
    public void Stop() => _stopped = true;

    /// <inheritdoc />
    public override string Render(int width, DateTime now)
    {
        var sb = new StringBuilder();
        var message = _message.Trim();
        if (message.Length > 0)
        {
            sb.Append(message).Append(' ');
        }

        if (!_stopped)
        {
            var frame = (int)((now - _started).TotalMilliseconds / 100) % Frames.Length;
            sb.Append(Frames[Math.Max(0, frame)]).Append(' ');
        }

        return sb.ToString();
    }
}

/// <summary>
/// A transfer bar in Ollama's layout:
/// <c>pulling 8eeb52dfb3bb:  45% ▕██████        ▏ 2.1 GB/4.7 GB  35 MB/s  1m14s</c>.
/// </summary>
public sealed class ProgressBar : ProgressState
{
    private readonly object _gate = new();
    private readonly List<(DateTime At, long Value)> _buckets = [];
    private readonly long _initial;
    private readonly DateTime _started;
    private DateTime? _stoppedAt;
    private long _current;

    /// <summary>Creates a bar.</summary>
    public ProgressBar(string message, long total, long completed, DateTime? started = null)
    {
        Message = message;
        Total = total;
        _initial = completed;
        _current = completed;
        _started = started ?? DateTime.UtcNow;
        if (completed >= total)
        {
            _stoppedAt = _started;
        }
    }

    /// <summary>The label before the percentage.</summary>
    public string Message { get; }

    /// <summary>Total bytes.</summary>
    public long Total { get; }

    /// <summary>Bytes done so far.</summary>
    public long Completed
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <inheritdoc />
    public override bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _stoppedAt is not null;
            }
        }
    }

    /// <summary>Updates progress (clamped to the total); reaching the total stops the clock.</summary>
    public void Set(long value, DateTime? at = null)
    {
        var now = at ?? DateTime.UtcNow;
        lock (_gate)
        {
            value = Math.Min(value, Total);
            _current = value;
            if (_current >= Total)
            {
                _stoppedAt ??= now;
            }

            if (_buckets.Count == 0 || now - _buckets[^1].At > TimeSpan.FromSeconds(1))
            {
                _buckets.Add((now, value));
                if (_buckets.Count > 10)
                {
                    _buckets.RemoveAt(0);
                }
            }
        }
    }

    /// <inheritdoc />
    public override string Render(int width, DateTime now)
    {
        if (width <= 0)
        {
            width = 80;
        }

        lock (_gate)
        {
            var pre = new StringBuilder();
            if (Message.Length > 0)
            {
                pre.Append(Message.Trim()).Append(' ');
            }

            var percent = Total > 0 ? (double)_current / Total * 100 : 0;
            pre.Append(Math.Round(percent, MidpointRounding.ToEven).ToString("0", CultureInfo.InvariantCulture).PadLeft(3)).Append('%');

            var suf = new StringBuilder();
            var stopped = _stoppedAt is not null;
            if (!stopped)
            {
                suf.Append(HumanFormat.Bytes(_current).PadLeft(6)).Append('/').Append(HumanFormat.Bytes(Total).PadLeft(6));
            }
            else
            {
                suf.Append(HumanFormat.Bytes(Total).PadLeft(6)).Append(' ', 7);
            }

            var rate = Rate();
            if (!stopped && rate > 0)
            {
                suf.Append("  ").Append(HumanFormat.Bytes((long)rate).PadLeft(6)).Append("/s");
                var remaining = TimeSpan.FromSeconds((long)((Total - _current) / rate));
                suf.Append("  ").Append(HumanFormat.Eta(remaining).PadLeft(6));
            }
            else
            {
                suf.Append(' ', 10).Append(' ', 8);
            }

            var f = width - TextWidth.Of(pre.ToString()) - TextWidth.Of(suf.ToString()) - 5;
            var n = (int)(f * percent / 100);
            var mid = new StringBuilder(" ▕");
            if (n > 0)
            {
                mid.Append('█', n);
            }

            if (f - n > 0)
            {
                mid.Append(' ', f - n);
            }

            mid.Append("▏ ");
            return pre.ToString() + mid + suf;
        }
    }

    private double Rate()
    {
        double numerator = 0, denominator = 0;
        if (_stoppedAt is { } stopped)
        {
            numerator = _current - _initial;
            denominator = Math.Round((stopped - _started).TotalSeconds);
        }
        else if (_buckets.Count == 1)
        {
            numerator = _buckets[0].Value - _initial;
            denominator = Math.Round((_buckets[0].At - _started).TotalSeconds);
        }
        else if (_buckets.Count > 1)
        {
            numerator = _buckets[^1].Value - _buckets[0].Value;
            denominator = Math.Round((_buckets[^1].At - _buckets[0].At).TotalSeconds);
        }

        return denominator != 0 ? numerator / denominator : 0;
    }
}
