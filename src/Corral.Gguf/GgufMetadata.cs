using System.Diagnostics.CodeAnalysis;

namespace Corral.Gguf;

/// <summary>One metadata key/value pair, in file order.</summary>
/// <param name="Key">The key, e.g. "general.architecture".</param>
/// <param name="Value">The value.</param>
public sealed record GgufMetadataEntry(string Key, GgufValue Value);

/// <summary>
/// The metadata key/value pairs of a GGUF file in file order, with lookup by key and typed getters
/// that tolerate the integer width actually stored.
/// </summary>
public sealed class GgufMetadata
{
    private readonly GgufMetadataEntry[] _entries;
    private readonly Dictionary<string, GgufValue> _byKey;

    /// <summary>Creates a metadata set; keys must be unique.</summary>
    /// <exception cref="ArgumentException">A key occurs twice.</exception>
    public GgufMetadata(IEnumerable<GgufMetadataEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.ToArray();
        _byKey = new Dictionary<string, GgufValue>(_entries.Length, StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            if (!_byKey.TryAdd(entry.Key, entry.Value))
            {
                throw new ArgumentException($"Duplicate metadata key '{entry.Key}'.", nameof(entries));
            }
        }
    }

    /// <summary>The entries in file order.</summary>
    public IReadOnlyList<GgufMetadataEntry> Entries => _entries;

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Length;

    /// <summary>True when the key is present.</summary>
    public bool ContainsKey(string key) => _byKey.ContainsKey(key);

    /// <summary>Gets the raw value of a key.</summary>
    public bool TryGetValue(string key, [NotNullWhen(true)] out GgufValue? value) => _byKey.TryGetValue(key, out value);

    /// <summary>Gets a string value.</summary>
    public bool TryGetString(string key, [NotNullWhen(true)] out string? value)
    {
        value = null;
        return _byKey.TryGetValue(key, out var v) && v.TryGetString(out value);
    }

    /// <summary>Gets a non-negative integer of any stored width.</summary>
    public bool TryGetUInt64(string key, out ulong value)
    {
        value = 0;
        return _byKey.TryGetValue(key, out var v) && v.TryGetUInt64(out value);
    }

    /// <summary>Gets an integer of any stored width that fits a <c>long</c>.</summary>
    public bool TryGetInt64(string key, out long value)
    {
        value = 0;
        return _byKey.TryGetValue(key, out var v) && v.TryGetInt64(out value);
    }

    /// <summary>Gets a non-negative integer of any stored width that fits a <c>uint</c>.</summary>
    public bool TryGetUInt32(string key, out uint value)
    {
        value = 0;
        return _byKey.TryGetValue(key, out var v) && v.TryGetUInt32(out value);
    }

    /// <summary>Gets an integer of any stored width that fits an <c>int</c>.</summary>
    public bool TryGetInt32(string key, out int value)
    {
        value = 0;
        return _byKey.TryGetValue(key, out var v) && v.TryGetInt32(out value);
    }

    /// <summary>Gets a float (32 or 64 bit) or integer as a double.</summary>
    public bool TryGetDouble(string key, out double value)
    {
        value = 0;
        return _byKey.TryGetValue(key, out var v) && v.TryGetDouble(out value);
    }

    /// <summary>Gets a boolean.</summary>
    public bool TryGetBoolean(string key, out bool value)
    {
        value = false;
        return _byKey.TryGetValue(key, out var v) && v.TryGetBoolean(out value);
    }

    /// <summary>Gets an array (loaded or not).</summary>
    public bool TryGetArray(string key, [NotNullWhen(true)] out GgufArray? value)
    {
        value = null;
        return _byKey.TryGetValue(key, out var v) && v.TryGetArray(out value);
    }

    /// <summary>Gets a loaded array of strings.</summary>
    public bool TryGetStringArray(string key, out ReadOnlyMemory<string> values)
    {
        values = default;
        return TryGetArray(key, out var array) && array.TryGetValues(out values);
    }

    /// <summary>Gets a non-negative integer, or null.</summary>
    public ulong? GetUInt64OrNull(string key) => TryGetUInt64(key, out var v) ? v : null;

    /// <summary>Gets a string, or null.</summary>
    public string? GetStringOrNull(string key) => TryGetString(key, out var v) ? v : null;
}
