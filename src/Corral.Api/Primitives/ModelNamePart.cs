namespace Corral.Api;

/// <summary>Validation of the individual parts of a <see cref="ModelName"/> (Ollama <c>isValidPart</c>).</summary>
internal static class ModelNamePart
{
    public enum Kind
    {
        Host,
        Namespace,
        Model,
        Tag,
    }

    /// <summary>
    /// First char ASCII letter/digit/underscore; then letters, digits, <c>_</c>, <c>-</c>, <c>.</c> (not in namespace)
    /// and <c>:</c> (host only). Host 1–350 chars, others 1–80. A part can therefore never be <c>.</c>, <c>..</c>,
    /// contain a path separator, <c>%</c>, NUL or whitespace.
    /// </summary>
    public static bool IsValid(Kind kind, string s)
    {
        var max = kind == Kind.Host ? 350 : 80;
        if (s.Length < 1 || s.Length > max || !IsAlnumOrUnderscore(s[0]))
        {
            return false;
        }

        for (var i = 1; i < s.Length; i++)
        {
            var ok = s[i] switch
            {
                '_' or '-' => true,
                '.' => kind != Kind.Namespace,
                ':' => kind == Kind.Host,
                var c => IsAlnumOrUnderscore(c),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlnumOrUnderscore(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
}
