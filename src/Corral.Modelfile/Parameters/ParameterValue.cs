using System.Collections.Immutable;
using System.Globalization;

namespace Corral.Modelfile;

/// <summary>A typed parameter value: an int64, a float32, a bool or a list of strings (<c>stop</c>).</summary>
public readonly struct ParameterValue : IEquatable<ParameterValue>
{
    private readonly long _int;
    private readonly float _float;
    private readonly bool _bool;
    private readonly ImmutableArray<string> _strings;

    private ParameterValue(ParameterKind kind, long i, float f, bool b, ImmutableArray<string> strings)
    {
        Kind = kind;
        _int = i;
        _float = f;
        _bool = b;
        _strings = strings;
    }

    /// <summary>The value's type.</summary>
    public ParameterKind Kind { get; }

    /// <summary>Creates an integer value.</summary>
    public static ParameterValue FromInt(long value) => new(ParameterKind.Int, value, 0, false, default);

    /// <summary>Creates a float value.</summary>
    public static ParameterValue FromFloat(float value) => new(ParameterKind.Float, 0, value, false, default);

    /// <summary>Creates a boolean value.</summary>
    public static ParameterValue FromBool(bool value) => new(ParameterKind.Bool, 0, 0, value, default);

    /// <summary>Creates a string-list value.</summary>
    public static ParameterValue FromStrings(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(ParameterKind.StringList, 0, 0, false, [.. values]);
    }

    /// <summary>The integer value.</summary>
    /// <exception cref="InvalidOperationException">The value is not an int.</exception>
    public long AsInt() => Kind == ParameterKind.Int ? _int : throw WrongKind(ParameterKind.Int);

    /// <summary>The float value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a float.</exception>
    public float AsFloat() => Kind == ParameterKind.Float ? _float : throw WrongKind(ParameterKind.Float);

    /// <summary>The boolean value.</summary>
    /// <exception cref="InvalidOperationException">The value is not a bool.</exception>
    public bool AsBool() => Kind == ParameterKind.Bool ? _bool : throw WrongKind(ParameterKind.Bool);

    /// <summary>The string list.</summary>
    /// <exception cref="InvalidOperationException">The value is not a string list.</exception>
    public ImmutableArray<string> AsStrings() =>
        Kind == ParameterKind.StringList ? (_strings.IsDefault ? [] : _strings) : throw WrongKind(ParameterKind.StringList);

    /// <summary>The value boxed as <see cref="long"/>, <see cref="float"/>, <see cref="bool"/> or <c>string[]</c> (for JSON).</summary>
    public object ToObject() => Kind switch
    {
        ParameterKind.Int => _int,
        ParameterKind.Float => _float,
        ParameterKind.Bool => _bool,
        _ => AsStrings().ToArray(),
    };

    /// <summary>
    /// The value's text as Modelfile PARAMETER lines need it (Go <c>%v</c> style: <c>0.7</c>, <c>1e+06</c>,
    /// <c>true</c>); a list prints as <c>[a b]</c> (write one PARAMETER line per element instead).
    /// </summary>
    public override string ToString() => Kind switch
    {
        ParameterKind.Int => _int.ToString(CultureInfo.InvariantCulture),
        ParameterKind.Float => GoNumbers.FormatFloat(_float),
        ParameterKind.Bool => _bool ? "true" : "false",
        _ => "[" + string.Join(' ', AsStrings()) + "]",
    };

    /// <inheritdoc />
    public bool Equals(ParameterValue other) =>
        Kind == other.Kind && Kind switch
        {
            ParameterKind.Int => _int == other._int,
            ParameterKind.Float => _float.Equals(other._float),
            ParameterKind.Bool => _bool == other._bool,
            _ => AsStrings().AsSpan().SequenceEqual(other.AsStrings().AsSpan()),
        };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ParameterValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        switch (Kind)
        {
            case ParameterKind.Int: hash.Add(_int); break;
            case ParameterKind.Float: hash.Add(_float); break;
            case ParameterKind.Bool: hash.Add(_bool); break;
            default:
                foreach (var s in AsStrings())
                {
                    hash.Add(s, StringComparer.Ordinal);
                }

                break;
        }

        return hash.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(ParameterValue left, ParameterValue right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(ParameterValue left, ParameterValue right) => !left.Equals(right);

    private InvalidOperationException WrongKind(ParameterKind wanted) =>
        new($"parameter value is {Kind}, not {wanted}");
}
