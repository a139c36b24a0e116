using System.Globalization;

namespace Corral.Gguf;

/// <summary>Ollama's <c>format.HumanNumber</c>: parameter counts such as "260K", "1M", "500.50M", "7.2B".</summary>
public static class HumanNumber
{
    private const double Thousand = 1000;
    private const double Million = Thousand * 1000;
    private const double Billion = Million * 1000;

    /// <summary>
    /// Formats like Ollama: below 1000 the number itself; thousands with no decimals ("260K");
    /// millions whole ("1M") or with two decimals ("500.50M"); billions whole ("8B") or with one ("7.2B").
    /// Like Go, the quotient is a double and is rounded from its exact binary value (ties to even), which
    /// .NET's fixed-point formatting also does.
    /// </summary>
    public static string Format(ulong value)
    {
        if (value >= Billion)
        {
            double number = value / Billion;
            return Fixed(number, number == Math.Floor(number) ? 0 : 1) + "B";
        }

        if (value >= Million)
        {
            double number = value / Million;
            return Fixed(number, number == Math.Floor(number) ? 0 : 2) + "M";
        }

        if (value >= Thousand)
        {
            return Fixed(value / Thousand, 0) + "K";
        }

        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static string Fixed(double number, int decimals)
        => number.ToString(decimals switch { 0 => "F0", 1 => "F1", _ => "F2" }, CultureInfo.InvariantCulture);
}
