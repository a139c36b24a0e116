using System.Text;

namespace Corral.Templating.Go.Formatting;

/// <summary>Port of the parts of Go's <c>fmt</c> printer that templates can reach.</summary>
internal sealed partial class GoPrinter
{
    private const int MaxNesting = 64;
    private readonly StringBuilder _buf;
    private bool _plus, _minus, _sharp, _space, _zero, _plusV, _sharpV, _widPresent, _precPresent;
    private int _wid, _prec;
    private bool _erroring;

    public GoPrinter(StringBuilder buf) => _buf = buf;

    /// <summary>Go's <c>fmt.Sprint</c>.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        new GoPrinter(sb).DoPrint(args);
        return sb.ToString();
    }

    /// <summary>Go's <c>fmt.Sprintln</c>.</summary>
    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var p = new GoPrinter(sb);
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            p.PrintArg(args[i], 'v');
        }
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>Go's <c>fmt.Sprintf</c>.</summary>
    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        new GoPrinter(sb).DoPrintf(format, args);
        return sb.ToString();
    }

    /// <summary>Appends one value as <c>fmt.Fprint</c> would print it alone.</summary>
    public static void PrintTo(StringBuilder sb, object? value) => new GoPrinter(sb).PrintArg(value, 'v');

    private void DoPrint(IReadOnlyList<object?> args)
    {
        bool prevString = false;
        for (int i = 0; i < args.Count; i++)
        {
            bool isString = args[i] is string;
            if (i > 0 && !isString && !prevString) _buf.Append(' ');
            PrintArg(args[i], 'v');
            prevString = isString;
        }
    }

    private void ClearFlags()
    {
        _plus = _minus = _sharp = _space = _zero = _plusV = _sharpV = _widPresent = _precPresent = false;
        _wid = _prec = 0;
    }

    private static bool TooLarge(long x) => x > 1_000_000 || x < -1_000_000;

    private void DoPrintf(string format, IReadOnlyList<object?> a)
    {
        int end = format.Length, argNum = 0, i = 0;
        bool reordered = false;
        while (i < end)
        {
            bool goodArgNum = true;
            int lasti = i;
            while (i < end && format[i] != '%') i++;
            if (i > lasti) _buf.Append(format, lasti, i - lasti);
            if (i >= end) break;
            i++;
            ClearFlags();
            bool done = false;
            for (; i < end; i++)
            {
                char c = format[i];
                if (c == '#') _sharp = true;
                else if (c == '0') _zero = !_minus;
                else if (c == '+') _plus = true;
                else if (c == '-') { _minus = true; _zero = false; }
                else if (c == ' ') _space = true;
                else
                {
                    if (c >= 'a' && c <= 'z' && argNum < a.Count)
                    {
                        if (c == 'v') { _sharpV = _sharp; _sharp = false; _plusV = _plus; _plus = false; }
                        PrintArg(a[argNum], c);
                        argNum++;
                        i++;
                        done = true;
                    }
                    break;
                }
            }
            if (done) continue;
            bool afterIndex;
            (argNum, i, afterIndex, goodArgNum, reordered) = ArgNumber(argNum, format, i, a.Count, goodArgNum, reordered);
            if (i < end && format[i] == '*')
            {
                i++;
                (_wid, _widPresent, argNum) = IntFromArg(a, argNum);
                if (!_widPresent) _buf.Append("%!(BADWIDTH)");
                if (_wid < 0) { _wid = -_wid; _minus = true; _zero = false; }
                afterIndex = false;
            }
            else
            {
                (_wid, _widPresent, i) = ParseNum(format, i, end);
                if (afterIndex && _widPresent) goodArgNum = false;
            }
            if (i + 1 < end && format[i] == '.')
            {
                i++;
                if (afterIndex) goodArgNum = false;
                (argNum, i, afterIndex, goodArgNum, reordered) = ArgNumber(argNum, format, i, a.Count, goodArgNum, reordered);
                if (i < end && format[i] == '*')
                {
                    i++;
                    (_prec, _precPresent, argNum) = IntFromArg(a, argNum);
                    if (_prec < 0) { _prec = 0; _precPresent = false; }
                    if (!_precPresent) _buf.Append("%!(BADPREC)");
                    afterIndex = false;
                }
                else
                {
                    (_prec, _precPresent, i) = ParseNum(format, i, end);
                    if (!_precPresent) { _prec = 0; _precPresent = true; }
                }
            }
            if (!afterIndex) (argNum, i, afterIndex, goodArgNum, reordered) = ArgNumber(argNum, format, i, a.Count, goodArgNum, reordered);
            if (i >= end)
            {
                _buf.Append("%!(NOVERB)");
                break;
            }
            int verb = RuneAt(format, i, out int size);
            i += size;
            if (verb == '%') _buf.Append('%');
            else if (!goodArgNum) AppendBadArg(verb, "BADINDEX");
            else if (argNum >= a.Count) AppendBadArg(verb, "MISSING");
            else
            {
                if (verb == 'v') { _sharpV = _sharp; _sharp = false; _plusV = _plus; _plus = false; }
                PrintArg(a[argNum], verb);
                argNum++;
            }
        }
        if (!reordered && argNum < a.Count)
        {
            ClearFlags();
            _buf.Append("%!(EXTRA ");
            for (int k = argNum; k < a.Count; k++)
            {
                if (k > argNum) _buf.Append(", ");
                if (a[k] == null) _buf.Append("<nil>");
                else
                {
                    _buf.Append(GoValues.TypeName(a[k])).Append('=');
                    PrintArg(a[k], 'v');
                }
            }
            _buf.Append(')');
        }
    }

    internal static int RuneAt(string s, int i, out int size)
    {
        if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            size = 2;
            return char.ConvertToUtf32(s[i], s[i + 1]);
        }
        size = 1;
        return char.IsSurrogate(s[i]) ? 0xFFFD : s[i];
    }

    private void AppendBadArg(int verb, string what)
    {
        _buf.Append("%!");
        AppendRune(verb);
        _buf.Append('(').Append(what).Append(')');
    }

    private void AppendRune(int r) => _buf.Append(char.ConvertFromUtf32(r is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? r : 0xFFFD));

    private static (int Num, bool Ok, int NewI) ParseNum(string s, int start, int end)
    {
        if (start >= end) return (0, false, end);
        long num = 0;
        bool isnum = false;
        int i = start;
        for (; i < end && s[i] >= '0' && s[i] <= '9'; i++)
        {
            if (TooLarge(num)) return (0, false, end);
            num = num * 10 + (s[i] - '0');
            isnum = true;
        }
        return ((int)num, isnum, i);
    }

    private static (int Num, bool Ok, int NewArg) IntFromArg(IReadOnlyList<object?> a, int argNum)
    {
        if (argNum >= a.Count) return (0, false, argNum);
        long num = 0;
        bool ok = false;
        var v = a[argNum];
        if (v != null)
        {
            var k = GoValues.Kind(v);
            if (k == GoKind.Int) { num = GoValues.ToInt(v); ok = true; }
            else if (k == GoKind.Uint && GoValues.ToUint(v) <= long.MaxValue) { num = (long)GoValues.ToUint(v); ok = true; }
        }
        if (TooLarge(num)) { num = 0; ok = false; }
        return ((int)num, ok, argNum + 1);
    }

    private static (int ArgNum, int I, bool Found, bool Good, bool Reordered) ArgNumber(
        int argNum, string format, int i, int numArgs, bool good, bool reordered)
    {
        if (format.Length <= i || format[i] != '[') return (argNum, i, false, good, reordered);
        reordered = true;
        for (int j = i + 1; j < format.Length; j++)
        {
            if (format[j] == ']')
            {
                var (width, ok, newi) = ParseNum(format, i + 1, j);
                if (!ok || newi != j) return (argNum, j + 1, false, false, reordered);
                int index = width - 1;
                if (index >= 0 && index < numArgs) return (index, j + 1, true, good, reordered);
                return (argNum, j + 1, true, false, reordered);
            }
        }
        return (argNum, i + 1, false, false, reordered);
    }
}

