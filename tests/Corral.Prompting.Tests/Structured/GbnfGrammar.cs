using System.Globalization;
using System.Text;

namespace Corral.Prompting.Tests.Structured;

/// <summary>A GBNF term: an atom repeated between <c>Min</c> and <c>Max</c> times (<c>Max</c> null = unbounded).</summary>
internal sealed record GbnfTerm(object Atom, int Min, int? Max);

/// <summary>Character class atom.</summary>
internal sealed record GbnfClass(bool Negated, List<(int Lo, int Hi)> Ranges);

/// <summary>Rule reference atom.</summary>
internal sealed record GbnfRef(string Name);

/// <summary>Literal atom (code points).</summary>
internal sealed record GbnfLiteral(int[] CodePoints);

/// <summary>Alternatives of sequences; also used as a parenthesised group atom.</summary>
internal sealed record GbnfAlt(List<List<GbnfTerm>> Sequences);

/// <summary>
/// A small, strict GBNF parser following llama.cpp's grammar-parser rules (rule names, literals, classes,
/// escapes, groups, <c>* + ? {m} {m,} {m,n}</c>), used to check that generated grammars are well formed.
/// </summary>
internal sealed partial class GbnfGrammar
{
    private readonly string _src;
    private int _pos;

    private GbnfGrammar(string src) => _src = src;

    public Dictionary<string, GbnfAlt> Rules { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses and checks the grammar; throws <see cref="FormatException"/> on any error.</summary>
    public static GbnfGrammar Parse(string src)
    {
        var g = new GbnfGrammar(src);
        g.ParseAll();
        if (!g.Rules.ContainsKey("root"))
        {
            throw new FormatException("no root rule");
        }

        foreach (var reference in g.Rules.Values.SelectMany(Refs))
        {
            if (!g.Rules.ContainsKey(reference))
            {
                throw new FormatException($"undefined rule '{reference}'");
            }
        }

        return g;
    }

    private static IEnumerable<string> Refs(GbnfAlt alt) =>
        alt.Sequences.SelectMany(s => s).SelectMany(t => t.Atom switch
        {
            GbnfRef r => [r.Name],
            GbnfAlt a => Refs(a),
            _ => [],
        });

    private void ParseAll()
    {
        SkipSpace(newlines: true);
        while (_pos < _src.Length)
        {
            var name = Name();
            SkipSpace(false);
            Expect("::=");
            SkipSpace(true);
            if (!Rules.TryAdd(name, Alternatives(nested: false)))
            {
                throw Error($"rule '{name}' defined twice");
            }

            SkipSpace(true);
        }
    }

    private GbnfAlt Alternatives(bool nested)
    {
        var sequences = new List<List<GbnfTerm>> { Sequence(nested) };
        while (Peek() == '|')
        {
            _pos++;
            SkipSpace(true);
            sequences.Add(Sequence(nested));
        }

        return new GbnfAlt(sequences);
    }

    private List<GbnfTerm> Sequence(bool nested)
    {
        var terms = new List<GbnfTerm>();
        while (_pos < _src.Length && Peek() is not ('|' or ')' or '\n' or '\r'))
        {
            object atom = Peek() switch
            {
                '"' => Literal(),
                '[' => Class(),
                '(' => Group(),
                var c when IsNameChar(c) => new GbnfRef(Name()),
                var c => throw Error($"unexpected '{c}'"),
            };
            terms.Add(Repetition(atom));
            SkipSpace(nested);
        }

        return terms;
    }

    private GbnfAlt Group()
    {
        _pos++;
        SkipSpace(true);
        var alt = Alternatives(nested: true);
        Expect(")");
        return alt;
    }

    private GbnfTerm Repetition(object atom)
    {
        switch (Peek())
        {
            case '*': _pos++; return new GbnfTerm(atom, 0, null);
            case '+': _pos++; return new GbnfTerm(atom, 1, null);
            case '?': _pos++; return new GbnfTerm(atom, 0, 1);
            case '{':
                _pos++;
                var min = Number();
                int? max = min;
                if (Peek() == ',')
                {
                    _pos++;
                    max = char.IsAsciiDigit(Peek()) ? Number() : null;
                }

                Expect("}");
                return max < min ? throw Error("bad repetition bounds") : new GbnfTerm(atom, min, max);
            default: return new GbnfTerm(atom, 1, 1);
        }
    }

    private GbnfLiteral Literal()
    {
        _pos++;
        var cps = new List<int>();
        while (Peek() != '"')
        {
            cps.Add(Char());
        }

        _pos++;
        return new GbnfLiteral([.. cps]);
    }

    private GbnfClass Class()
    {
        _pos++;
        var negated = Peek() == '^';
        _pos += negated ? 1 : 0;
        var ranges = new List<(int, int)>();
        while (Peek() != ']')
        {
            var lo = Char();
            var hi = lo;
            if (Peek() == '-' && _pos + 1 < _src.Length && _src[_pos + 1] != ']')
            {
                _pos++;
                hi = Char();
            }

            ranges.Add(hi < lo ? throw Error("inverted range") : (lo, hi));
        }

        _pos++;
        return new GbnfClass(negated, ranges);
    }

    private FormatException Error(string message) => new($"{message} at offset {_pos}: ...{_src[Math.Max(0, _pos - 20)..Math.Min(_src.Length, _pos + 20)]}...");
}
