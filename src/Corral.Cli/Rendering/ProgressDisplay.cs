using Corral.Api.Models;

namespace Corral.Cli.Rendering;

/// <summary>
/// Maps a stream of <see cref="ProgressResponse"/> lines to bars and spinners as Ollama's pull/create do:
/// a line with a digest drives that digest's bar (<c>pulling 8eeb52dfb3bb:</c>; the initial 0-byte update
/// is skipped); a new status without a digest stops the previous spinner and starts a new one.
/// </summary>
public sealed class ProgressDisplay
{
    private readonly ProgressRenderer _renderer;
    private readonly string _verb;
    private readonly Dictionary<string, ProgressBar> _bars = new(StringComparer.Ordinal);
    private Spinner? _spinner;
    private string? _status;

    /// <summary>Creates a display; <paramref name="verb"/> labels bars (<c>pulling</c>).</summary>
    public ProgressDisplay(ProgressRenderer renderer, string verb)
    {
        _renderer = renderer;
        _verb = verb;
    }

    /// <summary>Applies one progress line.</summary>
    public void Apply(ProgressResponse update)
    {
        if (!string.IsNullOrEmpty(update.Digest))
        {
            var completed = update.Completed ?? 0;
            if (completed == 0 && !_bars.ContainsKey(update.Digest))
            {
                return;
            }

            _spinner?.Stop();
            if (!_bars.TryGetValue(update.Digest, out var bar))
            {
                bar = new ProgressBar(BarLabel(update), update.Total ?? 0, completed);
                _bars[update.Digest] = bar;
                _renderer.Add(bar);
            }

            bar.Set(completed);
            _renderer.Flush();
        }
        else if (_status != update.Status)
        {
            _spinner?.Stop();
            _status = update.Status;
            _spinner = _renderer.AddSpinner(update.Status);
        }
    }

    private string BarLabel(ProgressResponse update)
    {
        var digest = update.Digest!;
        var name = digest.StartsWith("sha256:", StringComparison.Ordinal) ? digest[7..].Trim() : digest.Trim();
        if (digest.StartsWith("sha256:", StringComparison.Ordinal) && name.Length > 12)
        {
            name = name[..12];
        }

        if (update.Status.Length > 0 && !update.Status.StartsWith(_verb + " ", StringComparison.Ordinal))
        {
            return update.Status;
        }

        return $"{_verb} {name}:";
    }
}
