namespace Corral.Prompting.Output;

/// <summary>Finds where a JSON object or array ends in streamed text by bracket counting (strings and escapes
/// respected); validity is left to <see cref="System.Text.Json"/>.</summary>
internal static class JsonScan
{
    /// <summary>Index just past the JSON object/array starting at <paramref name="start"/>, or -1 when it is not
    /// complete yet.</summary>
    public static int FindEnd(ReadOnlySpan<char> text, int start)
    {
        int depth = 0;
        bool inString = false, escaped = false;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }

            switch (c)
            {
                case '"': inString = true; break;
                case '{' or '[': depth++; break;
                case '}' or ']':
                    if (--depth == 0) return i + 1;
                    break;
            }
        }

        return -1;
    }

    /// <summary>True for the characters that can open a JSON object or array.</summary>
    public static bool IsOpen(char c) => c is '{' or '[';
}
