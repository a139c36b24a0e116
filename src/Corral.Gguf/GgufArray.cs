namespace Corral.Gguf;

/// <summary>
/// A GGUF metadata array: a count of elements of one GGUF type. Arrays read from a file may be left
/// unloaded (see <see cref="GgufReadOptions.MaxLoadedArrayLength"/>); load them later with
/// <see cref="GgufReader.LoadArray(Stream, GgufArray, GgufReadOptions?)"/>.
/// Nested arrays are not supported (llama.cpp rejects them too).
/// </summary>
public sealed class GgufArray
{
    private readonly Array? _values;

    internal GgufArray(GgufValueType elementType, long count, Array? values, long fileOffset)
    {
        ElementType = elementType;
        Count = count;
        _values = values;
        FileOffset = fileOffset;
    }

    /// <summary>The type of every element.</summary>
    public GgufValueType ElementType { get; }

    /// <summary>Number of elements.</summary>
    public long Count { get; }

    /// <summary>True when the elements are in memory.</summary>
    public bool IsLoaded => _values is not null;

    /// <summary>Byte offset of the first element in the file it was read from, or -1 for arrays built in memory.</summary>
    public long FileOffset { get; }

    /// <summary>Creates an array from CLR values: byte, sbyte, ushort, short, uint, int, float, bool, string, ulong, long or double.</summary>
    /// <exception cref="ArgumentException">The element type has no GGUF equivalent.</exception>
    public static GgufArray Create<T>(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        T[] copy = values.ToArray();
        var type = ElementTypeOf(typeof(T))
            ?? throw new ArgumentException($"Type {typeof(T).Name} cannot be stored in a GGUF array.", nameof(values));
        if (copy is string?[] strings && strings.Any(s => s is null))
        {
            throw new ArgumentException("GGUF string arrays cannot contain null.", nameof(values));
        }

        return new GgufArray(type, copy.Length, copy, -1);
    }

    /// <summary>The loaded elements as their CLR type.</summary>
    /// <exception cref="InvalidOperationException">The array is not loaded or <typeparamref name="T"/> does not match.</exception>
    public ReadOnlyMemory<T> GetValues<T>()
    {
        if (_values is null)
        {
            throw new InvalidOperationException("The array was not loaded; use GgufReader.LoadArray.");
        }

        return _values as T[] ?? throw new InvalidOperationException(
            $"Array elements are {ElementType}, not {typeof(T).Name}.");
    }

    /// <summary>Gets the loaded elements when they are of CLR type <typeparamref name="T"/>.</summary>
    public bool TryGetValues<T>(out ReadOnlyMemory<T> values)
    {
        if (_values is T[] typed)
        {
            values = typed;
            return true;
        }

        values = default;
        return false;
    }

    /// <summary>A copy of the elements as a typed CLR array, or null when not loaded.</summary>
    public Array? ToObject() => (Array?)_values?.Clone();

    /// <inheritdoc />
    public override string ToString() => $"[{ElementType} x {Count}]";

    internal Array? RawValues => _values;

    internal static GgufValueType? ElementTypeOf(Type type) => type switch
    {
        _ when type == typeof(byte) => GgufValueType.UInt8,
        _ when type == typeof(sbyte) => GgufValueType.Int8,
        _ when type == typeof(ushort) => GgufValueType.UInt16,
        _ when type == typeof(short) => GgufValueType.Int16,
        _ when type == typeof(uint) => GgufValueType.UInt32,
        _ when type == typeof(int) => GgufValueType.Int32,
        _ when type == typeof(float) => GgufValueType.Float32,
        _ when type == typeof(bool) => GgufValueType.Bool,
        _ when type == typeof(string) => GgufValueType.String,
        _ when type == typeof(ulong) => GgufValueType.UInt64,
        _ when type == typeof(long) => GgufValueType.Int64,
        _ when type == typeof(double) => GgufValueType.Float64,
        _ => null,
    };
}
