using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Corral.Gguf;

/// <summary>
/// One GGUF metadata value: a scalar of one of the GGUF types, a UTF-8 string, or an array.
/// Typed getters are tolerant of the integer width actually stored (a <c>uint32</c> reads as <c>ulong</c>, etc.).
/// </summary>
public sealed class GgufValue
{
    private readonly ulong _bits;
    private readonly object? _reference;

    private GgufValue(GgufValueType type, ulong bits, object? reference)
    {
        Type = type;
        _bits = bits;
        _reference = reference;
    }

    /// <summary>The GGUF type tag of the value.</summary>
    public GgufValueType Type { get; }

    /// <summary>Creates a <c>uint8</c> value.</summary>
    public static GgufValue FromUInt8(byte value) => new(GgufValueType.UInt8, value, null);

    /// <summary>Creates an <c>int8</c> value.</summary>
    public static GgufValue FromInt8(sbyte value) => new(GgufValueType.Int8, unchecked((ulong)value), null);

    /// <summary>Creates a <c>uint16</c> value.</summary>
    public static GgufValue FromUInt16(ushort value) => new(GgufValueType.UInt16, value, null);

    /// <summary>Creates an <c>int16</c> value.</summary>
    public static GgufValue FromInt16(short value) => new(GgufValueType.Int16, unchecked((ulong)value), null);

    /// <summary>Creates a <c>uint32</c> value.</summary>
    public static GgufValue FromUInt32(uint value) => new(GgufValueType.UInt32, value, null);

    /// <summary>Creates an <c>int32</c> value.</summary>
    public static GgufValue FromInt32(int value) => new(GgufValueType.Int32, unchecked((ulong)value), null);

    /// <summary>Creates a <c>uint64</c> value.</summary>
    public static GgufValue FromUInt64(ulong value) => new(GgufValueType.UInt64, value, null);

    /// <summary>Creates an <c>int64</c> value.</summary>
    public static GgufValue FromInt64(long value) => new(GgufValueType.Int64, unchecked((ulong)value), null);

    /// <summary>Creates a <c>float32</c> value.</summary>
    public static GgufValue FromFloat32(float value) => new(GgufValueType.Float32, BitConverter.SingleToUInt32Bits(value), null);

    /// <summary>Creates a <c>float64</c> value.</summary>
    public static GgufValue FromFloat64(double value) => new(GgufValueType.Float64, BitConverter.DoubleToUInt64Bits(value), null);

    /// <summary>Creates a <c>bool</c> value.</summary>
    public static GgufValue FromBoolean(bool value) => new(GgufValueType.Bool, value ? 1UL : 0UL, null);

    /// <summary>Creates a string value.</summary>
    public static GgufValue FromString(string value) => new(GgufValueType.String, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Creates an array value.</summary>
    public static GgufValue FromArray(GgufArray value) => new(GgufValueType.Array, 0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>Implicit <c>string</c> value.</summary>
    public static implicit operator GgufValue(string value) => FromString(value);

    /// <summary>Implicit <c>uint32</c> value.</summary>
    public static implicit operator GgufValue(uint value) => FromUInt32(value);

    /// <summary>Implicit <c>int32</c> value.</summary>
    public static implicit operator GgufValue(int value) => FromInt32(value);

    /// <summary>Implicit <c>uint64</c> value.</summary>
    public static implicit operator GgufValue(ulong value) => FromUInt64(value);

    /// <summary>Implicit <c>int64</c> value.</summary>
    public static implicit operator GgufValue(long value) => FromInt64(value);

    /// <summary>Implicit <c>float32</c> value.</summary>
    public static implicit operator GgufValue(float value) => FromFloat32(value);

    /// <summary>Implicit <c>float64</c> value.</summary>
    public static implicit operator GgufValue(double value) => FromFloat64(value);

    /// <summary>Implicit <c>bool</c> value.</summary>
    public static implicit operator GgufValue(bool value) => FromBoolean(value);

    /// <summary>Implicit array value.</summary>
    public static implicit operator GgufValue(GgufArray value) => FromArray(value);

    private bool IsSigned => Type is GgufValueType.Int8 or GgufValueType.Int16 or GgufValueType.Int32 or GgufValueType.Int64;

    /// <summary>Reads any integer type whose value is non-negative.</summary>
    public bool TryGetUInt64(out ulong value)
    {
        value = _bits;
        return Type.IsInteger() && !(IsSigned && (long)_bits < 0);
    }

    /// <summary>Reads any integer type whose value fits in a <c>long</c>.</summary>
    public bool TryGetInt64(out long value)
    {
        value = unchecked((long)_bits);
        return Type.IsInteger() && (IsSigned || _bits <= long.MaxValue);
    }

    /// <summary>Reads any integer type whose value fits in a <c>uint</c>.</summary>
    public bool TryGetUInt32(out uint value)
    {
        bool ok = TryGetUInt64(out ulong v) && v <= uint.MaxValue;
        value = ok ? (uint)v : 0;
        return ok;
    }

    /// <summary>Reads any integer type whose value fits in an <c>int</c>.</summary>
    public bool TryGetInt32(out int value)
    {
        bool ok = TryGetInt64(out long v) && v is >= int.MinValue and <= int.MaxValue;
        value = ok ? (int)v : 0;
        return ok;
    }

    /// <summary>Reads a <c>float32</c>, <c>float64</c> or any integer as a double.</summary>
    public bool TryGetDouble(out double value)
    {
        switch (Type)
        {
            case GgufValueType.Float32:
                value = BitConverter.UInt32BitsToSingle((uint)_bits);
                return true;
            case GgufValueType.Float64:
                value = BitConverter.UInt64BitsToDouble(_bits);
                return true;
            default:
                value = IsSigned ? (long)_bits : _bits;
                return Type.IsInteger();
        }
    }

    /// <summary>Reads a <c>bool</c>.</summary>
    public bool TryGetBoolean(out bool value)
    {
        value = _bits != 0;
        return Type == GgufValueType.Bool;
    }

    /// <summary>Reads a string.</summary>
    public bool TryGetString([NotNullWhen(true)] out string? value)
    {
        value = _reference as string;
        return value is not null;
    }

    /// <summary>Reads an array.</summary>
    public bool TryGetArray([NotNullWhen(true)] out GgufArray? value)
    {
        value = _reference as GgufArray;
        return value is not null;
    }

    /// <summary>
    /// The value as a plain CLR object (byte, sbyte, ..., string, a typed array copy) for serialization;
    /// null for an array that was not loaded.
    /// </summary>
    public object? ToObject() => Type switch
    {
        GgufValueType.UInt8 => (byte)_bits,
        GgufValueType.Int8 => (sbyte)_bits,
        GgufValueType.UInt16 => (ushort)_bits,
        GgufValueType.Int16 => (short)_bits,
        GgufValueType.UInt32 => (uint)_bits,
        GgufValueType.Int32 => (int)_bits,
        GgufValueType.UInt64 => _bits,
        GgufValueType.Int64 => (long)_bits,
        GgufValueType.Float32 => BitConverter.UInt32BitsToSingle((uint)_bits),
        GgufValueType.Float64 => BitConverter.UInt64BitsToDouble(_bits),
        GgufValueType.Bool => _bits != 0,
        GgufValueType.String => _reference,
        _ => ((GgufArray)_reference!).ToObject(),
    };

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        GgufValueType.String => (string)_reference!,
        GgufValueType.Array => _reference!.ToString()!,
        GgufValueType.Bool => _bits != 0 ? "true" : "false",
        _ => Convert.ToString(ToObject(), CultureInfo.InvariantCulture) ?? "",
    };
}
