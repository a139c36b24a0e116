using System.Text;

namespace Corral.Cli.Rendering;

/// <summary>
/// Draws spinners and progress bars on stderr, redrawing in place every 100 ms when stderr is a terminal
/// (Ollama's <c>progress.Progress</c>). When stderr is redirected nothing animates: each line is printed
/// once, when it is finished (or when the renderer stops), so logs stay readable.
/// </summary>
public sealed class ProgressRenderer : IDisposable
{
    private readonly object _gate = new();
    private readonly TextWriter _out;
    private readonly bool _terminal;
    private readonly Func<int> _width;
    private readonly List<ProgressState> _states = [];
    private readonly HashSet<ProgressState> _printed = [];
    private readonly Timer? _timer;
    private int _pos;
    private bool _stopped;

    /// <summary>Creates a renderer; with <paramref name="terminal"/> it starts its redraw timer.</summary>
    public ProgressRenderer(TextWriter output, bool terminal, Func<int>? width = null)
    {
        _out = output;
        _terminal = terminal;
        _width = width ?? (() => 80);
        if (terminal)
        {
            _timer = new Timer(_ => Render(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Adds a spinner line.</summary>
    public Spinner AddSpinner(string message)
    {
        var spinner = new Spinner(message);
        Add(spinner);
        return spinner;
    }

    /// <summary>Adds a bar line.</summary>
    public ProgressBar AddBar(string message, long total, long completed)
    {
        var bar = new ProgressBar(message, total, completed);
        Add(bar);
        return bar;
    }

    /// <summary>Adds a line.</summary>
    public void Add(ProgressState state)
    {
        lock (_gate)
        {
            FlushFinishedLocked();
            _states.Add(state);
        }
    }

    /// <summary>Prints lines that finished since the last call (redirected mode only).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            FlushFinishedLocked();
        }
    }

    /// <summary>Stops spinners, draws the final state and ends the line.</summary>
    public void Stop() => StopCore(clear: false);

    /// <summary>Stops and erases everything drawn (used for the "waiting for the model" spinner).</summary>
    public void StopAndClear() => StopCore(clear: true);

    /// <inheritdoc />
    public void Dispose() => Stop();

    private void StopCore(bool clear)
    {
        _timer?.Dispose();
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            foreach (var spinner in _states.OfType<Spinner>())
            {
                spinner.Stop();
            }

            if (!_terminal)
            {
                if (!clear)
                {
                    foreach (var state in _states.Where(s => !_printed.Contains(s)))
                    {
                        WriteLine(state);
                    }
                }

                _out.Flush();
                return;
            }

            if (clear)
            {
                var sb = new StringBuilder("\x1b[?25l");
                for (var i = 0; i < _pos; i++)
                {
                    if (i > 0)
                    {
                        sb.Append("\x1b[A");
                    }

                    sb.Append("\x1b[2K\x1b[1G");
                }

                sb.Append("\x1b[?25h");
                _out.Write(sb.ToString());
            }
            else if (_states.Count > 0)
            {
                RenderLocked();
                _out.Write('\n');
            }

            _out.Flush();
        }
    }

    private void Render()
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                RenderLocked();
            }
        }
    }

    private void RenderLocked()
    {
        if (_states.Count == 0)
        {
            return;
        }

        var sb = new StringBuilder("\x1b[?25l");
        for (var i = 0; i < _pos - 1; i++)
        {
            sb.Append("\x1b[A");
        }

        sb.Append("\x1b[1G");
        var now = DateTime.UtcNow;
        var width = _width();
        for (var i = 0; i < _states.Count; i++)
        {
            sb.Append(_states[i].Render(width, now)).Append("\x1b[K");
            if (i < _states.Count - 1)
            {
                sb.Append('\n');
            }
        }

        sb.Append("\x1b[?25h");
        _pos = _states.Count;
        _out.Write(sb.ToString());
        _out.Flush();
    }

    private void FlushFinishedLocked()
    {
        if (_terminal)
        {
            return;
        }

        foreach (var state in _states)
        {
            if (_printed.Contains(state))
            {
                continue;
            }

            if (!state.IsFinished)
            {
                break;
            }

            WriteLine(state);
        }
    }

    private void WriteLine(ProgressState state)
    {
        _printed.Add(state);
        var line = state.Render(_width() > 0 ? _width() : 80, DateTime.UtcNow).TrimEnd();
        if (line.Length > 0)
        {
            _out.WriteLine(line);
        }
    }
}
