namespace Corral.Cli;

/// <summary>
/// The streams and terminal facts a CLI invocation works with. Commands never touch <see cref="Console"/>:
/// <c>Program</c> wires the real console, tests pass readers/writers (and may declare the input a terminal
/// to drive the interactive REPL through a pipe).
/// </summary>
public sealed class CliConsole
{
    private readonly object _gate = new();
    private readonly Stack<Action> _interruptHandlers = new();

    /// <summary>Creates a console over the given streams; every stream is treated as redirected.</summary>
    public CliConsole(TextReader input, TextWriter output, TextWriter error)
    {
        In = input;
        Out = output;
        Error = error;
    }

    /// <summary>Standard input.</summary>
    public TextReader In { get; }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>True when stdin is an interactive terminal (decides REPL vs. reading a piped prompt).</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>True when stdout is a terminal (colors, word wrap).</summary>
    public bool OutputIsTerminal { get; init; }

    /// <summary>True when stderr is a terminal (spinners, redrawn progress bars).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Terminal width in columns; 0 when unknown.</summary>
    public Func<int> TerminalWidth { get; init; } = () => 0;

    /// <summary>Environment lookup (injectable so tests need not mutate the process environment).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Creates the console for the real process, detecting redirection.</summary>
    public static CliConsole FromSystemConsole() =>
        new(Console.In, Console.Out, Console.Error)
        {
            InputIsTerminal = !Console.IsInputRedirected,
            OutputIsTerminal = !Console.IsOutputRedirected,
            ErrorIsTerminal = !Console.IsErrorRedirected,
            TerminalWidth = static () =>
            {
                try
                {
                    return Console.IsOutputRedirected ? 0 : Console.WindowWidth;
                }
                catch (IOException)
                {
                    return 0;
                }
            },
        };

    /// <summary>An environment variable trimmed of whitespace and surrounding quotes (Ollama's rule); null when unset or empty.</summary>
    public string? Env(string name)
    {
        var value = GetEnvironmentVariable(name)?.Trim().Trim('"', '\'').Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>
    /// Registers a handler for the next Ctrl+C until the returned scope is disposed (innermost scope wins).
    /// Used to cancel just the current request in the REPL.
    /// </summary>
    public IDisposable OnInterrupt(Action handler)
    {
        lock (_gate)
        {
            _interruptHandlers.Push(handler);
        }

        return new Scope(this, handler);
    }

    /// <summary>Creates a token cancelled by <paramref name="parent"/> or the next Ctrl+C, whichever comes first.</summary>
    public InterruptibleOperation BeginInterruptible(CancellationToken parent)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(parent);
        var scope = OnInterrupt(() => cts.Cancel());
        return new InterruptibleOperation(cts, scope);
    }

    /// <summary>Delivers a Ctrl+C to the innermost handler. Returns false when nobody handled it.</summary>
    public bool Interrupt()
    {
        Action? handler;
        lock (_gate)
        {
            _interruptHandlers.TryPeek(out handler);
        }

        if (handler is null)
        {
            return false;
        }

        handler();
        return true;
    }

    private void Remove(Action handler)
    {
        lock (_gate)
        {
            if (_interruptHandlers.TryPeek(out var top) && ReferenceEquals(top, handler))
            {
                _interruptHandlers.Pop();
                return;
            }

            var rest = _interruptHandlers.Where(h => !ReferenceEquals(h, handler)).Reverse().ToArray();
            _interruptHandlers.Clear();
            foreach (var h in rest)
            {
                _interruptHandlers.Push(h);
            }
        }
    }

    private sealed class Scope(CliConsole owner, Action handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(handler);
            }
        }
    }
}

/// <summary>A cancellation scope that also ends on Ctrl+C; see <see cref="CliConsole.BeginInterruptible"/>.</summary>
public sealed class InterruptibleOperation : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly IDisposable _scope;

    internal InterruptibleOperation(CancellationTokenSource cts, IDisposable scope)
    {
        _cts = cts;
        _scope = scope;
    }

    /// <summary>The token to pass to the request.</summary>
    public CancellationToken Token => _cts.Token;

    /// <inheritdoc />
    public void Dispose()
    {
        _scope.Dispose();
        _cts.Dispose();
    }
}
