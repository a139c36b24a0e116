namespace Corral.Prompting.Output;

/// <summary>Finds where a JSON object or array ends in streamed text by bracket counting (strings and escapes
/// respected); validity is left to <see cref="System.Text.Json"/>.</summary>
internal static class JsonScan
{
    /// <summary>Index just past the JSON object/array starting at <paramref name="start"/>, or -1 when it is not
    /// complete yet. With a <paramref name="resume"/> state from an earlier call on the same buffer and start, scanning
    /// continues where it stopped, so a long value streamed in small pieces is scanned once overall.</summary>
    public static int FindEnd(ReadOnlySpan<char> text, int start, JsonScanState? resume = null)
    {
        bool resuming = resume != null && resume.Start == start && resume.Position <= text.Length;
        if (resuming && resume!.End > 0) return resume.End;
        int depth = resuming ? resume!.Depth : 0, i = resuming ? resume!.Position : start, end = -1;
        bool inString = resuming && resume!.InString, escaped = resuming && resume!.Escaped;
        for (; i < text.Length && end < 0; i++)
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
                    if (--depth == 0) end = i + 1;
                    break;
            }
        }

        if (resume != null) (resume.Start, resume.Position, resume.Depth, resume.InString, resume.Escaped, resume.End) = (start, i, depth, inString, escaped, end);
        return end;
    }

    /// <summary>True for the characters that can open a JSON object or array.</summary>
    public static bool IsOpen(char c) => c is '{' or '[';
}

/// <summary>Where an unfinished <see cref="JsonScan.FindEnd"/> stopped, kept by a parser between pieces. Valid only
/// while the buffer's front does not move; the parser resets it whenever it consumes text.</summary>
internal sealed class JsonScanState
{
    public int Start { get; set; } = -1;
    public int Position { get; set; }
    public int Depth { get; set; }
    public bool InString { get; set; }
    public bool Escaped { get; set; }

    /// <summary>Index just past the value once it is complete, else -1.</summary>
    public int End { get; set; } = -1;

    public void Reset() => (Start, Position, Depth, InString, Escaped, End) = (-1, 0, 0, false, false, -1);
}
