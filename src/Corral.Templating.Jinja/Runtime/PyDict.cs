using System.Collections;

namespace Corral.Templating.Jinja.Runtime;

/// <summary>
/// A template dict literal with non-string keys (e.g. <c>{0: 0, 512: 128}</c>). Keys keep their Python
/// identity for iteration, lookup and repr; the string-keyed view (used by tojson) shows them as json.dumps does.
/// </summary>
internal sealed class PyDict : IReadOnlyDictionary<string, object?>
{
    public List<KeyValuePair<object?, object?>> Entries { get; } = [];

    public void Set(object? key, object? value)
    {
        var i = Find(key);
        if (i >= 0)
        {
            Entries[i] = new(Entries[i].Key, value);
        }
        else
        {
            Entries.Add(new(key, value));
        }
    }

    public int Find(object? key)
    {
        for (var i = 0; i < Entries.Count; i++)
        {
            if (PyOps.Eq(Entries[i].Key, key))
            {
                return i;
            }
        }

        return -1;
    }

    public static string JsonKey(object? key) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        null => "null",
        double d => PythonRepr.FloatRepr(d),
        _ => PyOps.Str(key),
    };

    public object? this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => Entries.Select(e => JsonKey(e.Key));

    public IEnumerable<object?> Values => Entries.Select(e => e.Value);

    public int Count => Entries.Count;

    public bool ContainsKey(string key) => Find(key) >= 0;

    public bool TryGetValue(string key, out object? value)
    {
        var i = Find(key);
        value = i >= 0 ? Entries[i].Value : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() =>
        Entries.Select(e => new KeyValuePair<string, object?>(JsonKey(e.Key), e.Value)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
