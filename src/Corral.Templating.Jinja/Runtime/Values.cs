namespace Corral.Templating.Jinja.Runtime;

/// <summary>Python tuple: immutable sequence printed with parentheses.</summary>
internal sealed class PyTuple(object?[] items) : IReadOnlyList<object?>
{
    public object?[] Items { get; } = items;

    public object? this[int index] => Items[index];

    public int Count => Items.Length;

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)Items).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => Items.GetEnumerator();
}

/// <summary>markupsafe.Markup: a string marked safe; concatenation escapes the other operand.</summary>
internal sealed class Markup(string value)
{
    public string Value { get; } = value;

    public override string ToString() => Value;

    public static string Escape(string s)
    {
        if (s.AsSpan().IndexOfAny("&<>'\"") < 0)
        {
            return s;
        }

        return s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("'", "&#39;", StringComparison.Ordinal)
            .Replace("\"", "&#34;", StringComparison.Ordinal);
    }
}

/// <summary>jinja2's namespace(): the only object a template may assign attributes on.</summary>
internal sealed class Namespace
{
    public Dictionary<string, object?> Attributes { get; } = new(StringComparer.Ordinal);
}

/// <summary>A single-use lazy iterator (what map/select/reject return in jinja2).</summary>
internal sealed class PyGenerator(IEnumerable<object?> source, string name)
{
    private IEnumerator<object?>? _enumerator = source.GetEnumerator();

    public string Name { get; } = name;

    public IEnumerable<object?> Drain()
    {
        var e = _enumerator;
        _enumerator = null;
        if (e is null)
        {
            yield break;
        }

        while (e.MoveNext())
        {
            yield return e.Current;
        }
    }
}

/// <summary>Something a template can call.</summary>
internal interface ICallable
{
    string Name { get; }

    object? Call(Evaluation.Renderer renderer, List<object?> args, List<KeyValuePair<string, object?>>? kwargs);
}

/// <summary>A built-in function or bound method implemented in C#.</summary>
internal sealed class NativeFunction(string name, Func<Evaluation.Renderer, List<object?>, List<KeyValuePair<string, object?>>?, object?> body) : ICallable
{
    public string Name { get; } = name;

    public object? Call(Evaluation.Renderer renderer, List<object?> args, List<KeyValuePair<string, object?>>? kwargs) => body(renderer, args, kwargs);
}
