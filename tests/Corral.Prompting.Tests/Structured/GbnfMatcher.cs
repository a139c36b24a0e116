using System.Text;

namespace Corral.Prompting.Tests.Structured;

/// <summary>Decides whether a <see cref="GbnfGrammar"/> generates a text (set-of-positions recognizer).</summary>
internal sealed class GbnfMatcher
{
    private readonly GbnfGrammar _grammar;
    private readonly int[] _text;
    private readonly Dictionary<(string, int), HashSet<int>> _memo = [];

    private GbnfMatcher(GbnfGrammar grammar, string text)
    {
        _grammar = grammar;
        _text = [.. text.EnumerateRunes().Select(r => r.Value)];
    }

    /// <summary>Whether <c>root</c> derives exactly <paramref name="text"/>.</summary>
    public static bool Accepts(GbnfGrammar grammar, string text)
    {
        var matcher = new GbnfMatcher(grammar, text);
        return matcher.Rule("root", 0).Contains(matcher._text.Length);
    }

    private HashSet<int> Rule(string name, int pos)
    {
        if (_memo.TryGetValue((name, pos), out var known))
        {
            return known;
        }

        _memo[(name, pos)] = [];
        var result = Alt(_grammar.Rules[name], pos);
        _memo[(name, pos)] = result;
        return result;
    }

    private HashSet<int> Alt(GbnfAlt alt, int pos)
    {
        var ends = new HashSet<int>();
        foreach (var sequence in alt.Sequences)
        {
            HashSet<int> current = [pos];
            foreach (var term in sequence)
            {
                current = [.. current.SelectMany(p => Term(term, p))];
            }

            ends.UnionWith(current);
        }

        return ends;
    }

    private HashSet<int> Term(GbnfTerm term, int pos)
    {
        var result = new HashSet<int>();
        HashSet<int> current = [pos];
        if (term.Min == 0)
        {
            result.Add(pos);
        }

        var limit = term.Max ?? term.Min + _text.Length + 1;
        for (var i = 1; i <= limit && current.Count > 0; i++)
        {
            current = [.. current.SelectMany(p => Atom(term.Atom, p))];
            if (i >= term.Min && term.Max is null && current.IsSubsetOf(result))
            {
                break;
            }

            if (i >= term.Min)
            {
                result.UnionWith(current);
            }
        }

        return result;
    }

    private HashSet<int> Atom(object atom, int pos) => atom switch
    {
        GbnfLiteral l => pos + l.CodePoints.Length <= _text.Length && _text.AsSpan(pos, l.CodePoints.Length).SequenceEqual(l.CodePoints) ? [pos + l.CodePoints.Length] : [],
        GbnfClass c => pos < _text.Length && c.Ranges.Any(r => _text[pos] >= r.Lo && _text[pos] <= r.Hi) != c.Negated ? [pos + 1] : [],
        GbnfRef r => Rule(r.Name, pos),
        GbnfAlt a => Alt(a, pos),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Readable dump for diagnostics.</summary>
    public static string Describe(string text) => new StringBuilder(text).Replace("\n", "\\n").ToString();
}
