namespace Corral.Prompting.Output;

/// <summary>A growable run of characters consumed from the front, so streamed text is appended without building a
/// new string per piece.</summary>
internal sealed class CharBuffer
{
    private char[] _chars = new char[256];
    private int _start, _length;

    /// <summary>Characters held.</summary>
    public int Length => _length;

    /// <summary>The held characters (valid until the next append or consume).</summary>
    public ReadOnlySpan<char> Span => _chars.AsSpan(_start, _length);

    /// <summary>Appends text, compacting or growing the array when needed.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return;
        if (_start + _length + text.Length > _chars.Length)
        {
            var target = _length + text.Length > _chars.Length ? new char[Math.Max(_chars.Length * 2, _length + text.Length)] : _chars;
            _chars.AsSpan(_start, _length).CopyTo(target);
            (_chars, _start) = (target, 0);
        }

        text.CopyTo(_chars.AsSpan(_start + _length));
        _length += text.Length;
    }

    /// <summary>Drops <paramref name="count"/> characters from the front.</summary>
    public void Consume(int count)
    {
        _start += count;
        _length -= count;
        if (_length == 0) _start = 0;
    }
}
