namespace Corral.Templating.Go.Execution;

/// <summary>Writes rendered text to a <see cref="TextWriter"/>, enforcing the output size limit.</summary>
internal sealed class OutputSink
{
    private readonly TextWriter _writer;
    private readonly long _max;
    private long _written;

    public OutputSink(TextWriter writer, long max)
    {
        _writer = writer;
        _max = max;
    }

    public bool TryWrite(string s)
    {
        _written += s.Length;
        if (_written > _max) return false;
        _writer.Write(s);
        return true;
    }
}
