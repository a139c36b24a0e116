namespace Corral.Inference.LlamaSharp;

/// <summary>
/// Finds stop sequences in streamed text that arrives in arbitrary pieces. Text that could be the start of a stop
/// sequence is held back until it is known not to be one; a matched stop sequence and everything after it is never
/// released. Engine-agnostic: it only sees strings.
/// </summary>
public sealed class StopSequenceMatcher
{
    private readonly string[] _stops;
    private string _pending = "";

    /// <summary>Creates a matcher for <paramref name="stops"/> (empty strings are ignored).</summary>
    public StopSequenceMatcher(IReadOnlyList<string> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        _stops = stops.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether a stop sequence has been found; after that, <see cref="Push"/> returns nothing.</summary>
    public bool Matched => MatchedStop is not null;

    /// <summary>The stop sequence that was found (the earliest in the text; the longest of those starting there).</summary>
    public string? MatchedStop { get; private set; }

    /// <summary>Text currently held back because it might begin a stop sequence.</summary>
    public int HeldLength => _pending.Length;

    /// <summary>Adds decoded text and returns the part that is safe to release (possibly empty).</summary>
    public string Push(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Matched)
        {
            return "";
        }

        if (_stops.Length == 0)
        {
            return text;
        }

        var combined = _pending.Length == 0 ? text : string.Concat(_pending, text);
        var first = -1;
        string? matched = null;
        foreach (var stop in _stops)
        {
            var index = combined.IndexOf(stop, StringComparison.Ordinal);
            if (index >= 0 && (first < 0 || index < first || (index == first && stop.Length > matched!.Length)))
            {
                first = index;
                matched = stop;
            }
        }

        if (matched is not null)
        {
            MatchedStop = matched;
            _pending = "";
            return combined[..first];
        }

        var hold = LongestHeldSuffix(combined);
        _pending = hold == 0 ? "" : combined[^hold..];
        return hold == 0 ? combined : combined[..^hold];
    }

    /// <summary>Releases held text at the end of generation (when no stop sequence matched).</summary>
    public string Flush()
    {
        var text = Matched ? "" : _pending;
        _pending = "";
        return text;
    }

    /// <summary>Length of the longest suffix of <paramref name="text"/> that is a proper prefix of some stop sequence.</summary>
    private int LongestHeldSuffix(string text)
    {
        var best = 0;
        foreach (var stop in _stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > best; length--)
            {
                if (text.AsSpan(text.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    best = length;
                    break;
                }
            }
        }

        return best;
    }
}
