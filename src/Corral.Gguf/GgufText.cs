using System.Text;

namespace Corral.Gguf;

/// <summary>Makes untrusted names safe to put in error messages.</summary>
internal static class GgufText
{
    private const int MaxShown = 96;

    /// <summary>Escapes control characters and shortens long text.</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxShown) + 8);
        foreach (char c in text)
        {
            if (sb.Length >= MaxShown)
            {
                sb.Append("...");
                break;
            }

            if (char.IsControl(c))
            {
                sb.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
