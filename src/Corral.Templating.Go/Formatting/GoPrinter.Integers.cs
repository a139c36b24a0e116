using System.Globalization;
using System.Text;

namespace Corral.Templating.Go.Formatting;

internal sealed partial class GoPrinter
{
    private void FmtInteger(ulong v, bool isSigned, int verb, object arg)
    {
        switch (verb)
        {
            case 'v' when _sharpV && !isSigned:
                bool sharp = _sharp;
                _sharp = true;
                FmtIntegerBase(v, 16, false, verb, "0123456789abcdefx");
                _sharp = sharp;
                break;
            case 'v' or 'd': FmtIntegerBase(v, 10, isSigned, verb, "0123456789abcdefx"); break;
            case 'b': FmtIntegerBase(v, 2, isSigned, verb, "0123456789abcdefx"); break;
            case 'o' or 'O': FmtIntegerBase(v, 8, isSigned, verb, "0123456789abcdefx"); break;
            case 'x': FmtIntegerBase(v, 16, isSigned, verb, "0123456789abcdefx"); break;
            case 'X': FmtIntegerBase(v, 16, isSigned, verb, "0123456789ABCDEFX"); break;
            case 'c': Pad(RuneString(isSigned ? (long)v : (long)Math.Min(v, int.MaxValue))); break;
            case 'q': Pad(GoQuote.QuoteRune(ClampRune(isSigned ? (long)v : (long)Math.Min(v, int.MaxValue)), _plus)); break;
            case 'U': FmtUnicode(isSigned ? (long)v : (long)Math.Min(v, int.MaxValue)); break;
            default: BadVerb(verb, arg); break;
        }
    }

    private static int ClampRune(long r) => r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF) ? 0xFFFD : (int)r;

    private static string RuneString(long r) => char.ConvertFromUtf32(ClampRune(r));

    private void FmtUnicode(long u)
    {
        var sb = new StringBuilder("U+");
        string hex = ((ulong)u).ToString("X", CultureInfo.InvariantCulture);
        int prec = 4;
        if (_precPresent && _prec > 4) prec = _prec;
        if (hex.Length < prec) sb.Append('0', prec - hex.Length);
        sb.Append(hex);
        if (_sharp && u >= 0 && u <= 0x10FFFF && GoQuote.IsPrint((int)u))
            sb.Append(" '").Append(RuneString(u)).Append('\'');
        bool z = _zero;
        _zero = false;
        Pad(sb.ToString());
        _zero = z;
    }

    private void FmtIntegerBase(ulong u, int b, bool isSigned, int verb, string digits)
    {
        bool negative = isSigned && (long)u < 0;
        if (negative) u = (ulong)(-(long)u);
        int prec = 0;
        if (_precPresent)
        {
            prec = _prec;
            if (prec == 0 && u == 0)
            {
                bool z = _zero;
                _zero = false;
                Pad("");
                _zero = z;
                return;
            }
        }
        else if (_zero && _widPresent)
        {
            prec = _wid;
            if (negative || _plus || _space) prec--;
        }
        var d = new StringBuilder();
        if (u == 0) d.Append('0');
        while (u > 0)
        {
            d.Insert(0, digits[(int)(u % (ulong)b)]);
            u /= (ulong)b;
        }
        while (d.Length < prec) d.Insert(0, '0');
        if (_sharp)
        {
            switch (b)
            {
                case 2: d.Insert(0, "0b"); break;
                case 8: if (d[0] != '0') d.Insert(0, '0'); break;
                case 16: d.Insert(0, digits[16]).Insert(0, '0'); break;
            }
        }
        if (verb == 'O') d.Insert(0, "0o");
        if (negative) d.Insert(0, '-');
        else if (_plus) d.Insert(0, '+');
        else if (_space) d.Insert(0, ' ');
        bool oldZero = _zero;
        _zero = false;
        Pad(d.ToString());
        _zero = oldZero;
    }
}
