using System.Globalization;
using System.Text;

namespace Corral.Templating.Go.Formatting;

internal sealed partial class GoPrinter
{
    private int _nesting;

    private void PrintArg(object? arg, int verb)
    {
        if (arg == null)
        {
            if (verb is 'T' or 'v') Pad("<nil>");
            else BadVerb(verb, null);
            return;
        }
        if (verb == 'T')
        {
            FmtS(GoValues.TypeName(arg));
            return;
        }
        PrintValue(arg, verb, 0);
    }

    private bool HandleMethods(object arg, int verb)
    {
        if (_erroring || arg is not IGoStringer s) return false;
        if (verb is 'v' or 's' or 'x' or 'X' or 'q')
        {
            if (_sharpV) return false;
            FmtString(s.GoString(), verb);
            return true;
        }
        return false;
    }

    private void PrintValue(object? value, int verb, int depth)
    {
        if (value == null)
        {
            if (depth == 0) _buf.Append("<invalid reflect.Value>");
            else _buf.Append(_sharpV ? "interface {}(nil)" : "<nil>");
            return;
        }
        if (HandleMethods(value, verb)) return;
        if (_sharpV && GoValues.Kind(value) is GoKind.Map or GoKind.Slice or GoKind.Struct)
        {
            PrintGoSyntax(value, verb, depth);
            return;
        }
        if (++_nesting > MaxNesting)
        {
            _nesting = 0;
            throw new InvalidOperationException("value nesting too deep to print");
        }
        try
        {
            switch (GoValues.Kind(value))
            {
                case GoKind.Bool: FmtBool((bool)value, verb, value); break;
                case GoKind.Int: FmtInteger((ulong)GoValues.ToInt(value), true, verb, value); break;
                case GoKind.Uint: FmtInteger(GoValues.ToUint(value), false, verb, value); break;
                case GoKind.Float: FmtFloat(GoValues.ToFloat(value), value is float ? 32 : 64, verb, value); break;
                case GoKind.String: FmtString((string)value, verb); break;
                case GoKind.Map:
                    _buf.Append("map[");
                    var entries = GoValues.SortedEntries(value);
                    for (int i = 0; i < entries.Count; i++)
                    {
                        if (i > 0) _buf.Append(' ');
                        PrintValue(entries[i].Key, verb, depth + 1);
                        _buf.Append(':');
                        PrintValue(entries[i].Value, verb, depth + 1);
                    }
                    _buf.Append(']');
                    break;
                case GoKind.Slice:
                    _buf.Append('[');
                    int n = GoValues.Len(value);
                    for (int i = 0; i < n; i++)
                    {
                        if (i > 0) _buf.Append(' ');
                        PrintValue(GoValues.Index(value, i), verb, depth + 1);
                    }
                    _buf.Append(']');
                    break;
                case GoKind.Struct:
                    var st = (IGoStruct)value;
                    _buf.Append('{');
                    for (int i = 0; i < st.FieldNames.Count; i++)
                    {
                        if (i > 0) _buf.Append(' ');
                        if (_plusV) _buf.Append(st.FieldNames[i]).Append(':');
                        st.TryGetField(st.FieldNames[i], out var fv);
                        PrintValue(fv, verb, depth + 1);
                    }
                    _buf.Append('}');
                    break;
                case GoKind.Func:
                    _buf.Append("0x0");
                    break;
                default:
                    FmtString(value.ToString() ?? "", verb);
                    break;
            }
        }
        finally
        {
            _nesting = Math.Max(0, _nesting - 1);
        }
    }

    /// <summary>Go's <c>%#v</c> for composite values.</summary>
    private void PrintGoSyntax(object value, int verb, int depth)
    {
        if (++_nesting > MaxNesting)
        {
            _nesting = 0;
            throw new InvalidOperationException("value nesting too deep to print");
        }
        _buf.Append(GoValues.TypeName(value)).Append('{');
        switch (GoValues.Kind(value))
        {
            case GoKind.Map:
                var entries = GoValues.SortedEntries(value);
                for (int i = 0; i < entries.Count; i++)
                {
                    if (i > 0) _buf.Append(", ");
                    PrintValue(entries[i].Key, verb, depth + 1);
                    _buf.Append(':');
                    PrintValue(entries[i].Value, verb, depth + 1);
                }
                break;
            case GoKind.Slice:
                int n = GoValues.Len(value);
                for (int i = 0; i < n; i++)
                {
                    if (i > 0) _buf.Append(", ");
                    PrintValue(GoValues.Index(value, i), verb, depth + 1);
                }
                break;
            default:
                var st = (IGoStruct)value;
                for (int i = 0; i < st.FieldNames.Count; i++)
                {
                    if (i > 0) _buf.Append(", ");
                    _buf.Append(st.FieldNames[i]).Append(':');
                    st.TryGetField(st.FieldNames[i], out var fv);
                    PrintValue(fv, verb, depth + 1);
                }
                break;
        }
        _buf.Append('}');
        _nesting = Math.Max(0, _nesting - 1);
    }

    private void BadVerb(int verb, object? arg)
    {
        _erroring = true;
        _buf.Append("%!");
        AppendRune(verb);
        _buf.Append('(');
        if (arg != null)
        {
            _buf.Append(GoValues.TypeName(arg)).Append('=');
            bool sv = _sharpV, pv = _plusV;
            PrintArg(arg, 'v');
            _sharpV = sv;
            _plusV = pv;
        }
        else
        {
            _buf.Append("<nil>");
        }
        _buf.Append(')');
        _erroring = false;
    }

    private void Pad(string s)
    {
        if (!_widPresent || _wid == 0)
        {
            _buf.Append(s);
            return;
        }
        int width = _wid - RuneCount(s);
        if (width <= 0)
        {
            _buf.Append(s);
            return;
        }
        if (_minus)
        {
            _buf.Append(s).Append(' ', width);
        }
        else
        {
            _buf.Append(_zero ? '0' : ' ', width).Append(s);
        }
    }

    private static int RuneCount(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            n++;
        }
        return n;
    }

    private void FmtBool(bool b, int verb, object arg)
    {
        if (verb is 't' or 'v') Pad(b ? "true" : "false");
        else BadVerb(verb, arg);
    }

    private void FmtS(string s)
    {
        if (_precPresent)
        {
            int i = 0, n = 0;
            while (i < s.Length && n < _prec)
            {
                i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
                n++;
            }
            s = s[..i];
        }
        Pad(s);
    }

    private void FmtString(string s, int verb)
    {
        switch (verb)
        {
            case 'v':
                if (_sharpV) FmtQ(s);
                else FmtS(s);
                break;
            case 's': FmtS(s); break;
            case 'x': FmtSx(s, "0123456789abcdef"); break;
            case 'X': FmtSx(s, "0123456789ABCDEF"); break;
            case 'q': FmtQ(s); break;
            default: BadVerb(verb, s); break;
        }
    }

    private void FmtSx(string s, string digits)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(s);
        int length = bytes.Length;
        if (_precPresent && _prec < length) length = _prec;
        var sb = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            if (_space && i > 0) sb.Append(' ');
            if (_sharp && (_space || i == 0)) sb.Append('0').Append(digits[10] == 'a' ? 'x' : 'X');
            sb.Append(digits[bytes[i] >> 4]).Append(digits[bytes[i] & 0xF]);
        }
        bool z = _zero;
        _zero = false;
        Pad(sb.ToString());
        _zero = z;
    }

    private void FmtQ(string s)
    {
        if (_precPresent) s = TruncateRunes(s, _prec);
        if (_sharp && CanBackquote(s)) Pad("`" + s + "`");
        else Pad(GoQuote.Quote(s, _plus));
    }

    private static string TruncateRunes(string s, int n)
    {
        int i = 0, c = 0;
        while (i < s.Length && c < n)
        {
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length ? 2 : 1;
            c++;
        }
        return s[..i];
    }

    private static bool CanBackquote(string s)
    {
        foreach (char c in s)
        {
            if (c == '`' || c == '\uFEFF') return false;
            if (c < ' ' && c != '\t') return false;
            if (c == 0x7f) return false;
        }
        return true;
    }

    private void FmtFloat(double v, int size, int verb, object arg)
    {
        switch (verb)
        {
            case 'v': FmtFloatCore(v, size, 'g', -1); break;
            case 'g' or 'G': FmtFloatCore(v, size, (char)verb, -1); break;
            case 'f' or 'e' or 'E' or 'F': FmtFloatCore(v, size, (char)verb, 6); break;
            default: BadVerb(verb, arg); break;
        }
    }

    private void FmtFloatCore(double v, int size, char verb, int prec)
    {
        if (_precPresent) prec = _prec;
        if (verb == 'F') verb = 'f';
        if (size == 32 && prec < 0) v = double.Parse(((float)v).ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        string num = GoFloat.Format(v, verb, prec);
        if (num[0] != '-' && num[0] != '+') num = "+" + num;
        if (_space && num[0] == '+' && !_plus) num = " " + num[1..];
        if (num[1] == 'I' || num[1] == 'N')
        {
            bool z = _zero;
            _zero = false;
            if (num[1] == 'N' && !_space && !_plus) num = num[1..];
            Pad(num);
            _zero = z;
            return;
        }
        if (_plus || num[0] != '+')
        {
            if (_zero && _widPresent && _wid > num.Length)
            {
                _buf.Append(num[0]).Append('0', _wid - num.Length).Append(num, 1, num.Length - 1);
                return;
            }
            Pad(num);
            return;
        }
        Pad(num[1..]);
    }
}
