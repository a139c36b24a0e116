namespace Corral.Modelfile;

/// <summary>
/// Parses Modelfile text with the grammar of Ollama's <c>parser/parser.go</c>. Every failure is a
/// <see cref="ModelfileSyntaxException"/>; input is capped at <see cref="MaxInputSize"/>; parsing is linear time.
/// </summary>
public static class ModelfileParser
{
    /// <summary>Largest accepted input: 16 MiB (bytes for byte/stream input, UTF-16 code units for strings).</summary>
    public const int MaxInputSize = 16 * 1024 * 1024;

    /// <summary>Parses Modelfile text. A leading U+FEFF is ignored.</summary>
    /// <param name="text">The Modelfile source.</param>
    /// <param name="requireFrom">When true (Ollama's behaviour) a Modelfile without FROM fails with <c>no FROM line</c>.</param>
    /// <exception cref="ModelfileSyntaxException">The text is not a valid Modelfile.</exception>
    public static Modelfile Parse(string text, bool requireFrom = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        ModelfileText.EnsureSize(text.Length);
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var commands = new ModelfileScanner(text, start).ScanAll();
        if (requireFrom && !commands.Exists(c => c.Instruction == ModelfileInstruction.From))
        {
            throw new ModelfileSyntaxException("no FROM line");
        }

        return new Modelfile(commands);
    }

    /// <summary>Parses Modelfile bytes: UTF-8 by default, UTF-8/UTF-16LE/UTF-16BE when a byte-order mark says so.</summary>
    /// <exception cref="ModelfileSyntaxException">The content is not a valid Modelfile or exceeds the size cap.</exception>
    public static Modelfile Parse(ReadOnlySpan<byte> bytes, bool requireFrom = true) =>
        Parse(ModelfileText.Decode(bytes), requireFrom);

    /// <summary>Reads and parses a Modelfile stream (see <see cref="Parse(ReadOnlySpan{byte}, bool)"/>).</summary>
    /// <exception cref="ModelfileSyntaxException">The content is not a valid Modelfile or exceeds the size cap.</exception>
    public static Modelfile Parse(Stream stream, bool requireFrom = true) =>
        Parse(ModelfileText.ReadBounded(stream), requireFrom);

    /// <summary>Asynchronously reads and parses a Modelfile stream.</summary>
    /// <exception cref="ModelfileSyntaxException">The content is not a valid Modelfile or exceeds the size cap.</exception>
    public static async Task<Modelfile> ParseAsync(Stream stream, bool requireFrom = true, CancellationToken cancellationToken = default)
    {
        var bytes = await ModelfileText.ReadBoundedAsync(stream, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, requireFrom);
    }

    /// <summary>Parses without throwing; <paramref name="error"/> carries the syntax error on failure.</summary>
    public static bool TryParse(string text, out Modelfile? modelfile, out ModelfileSyntaxException? error, bool requireFrom = true)
    {
        try
        {
            modelfile = Parse(text, requireFrom);
            error = null;
            return true;
        }
        catch (ModelfileSyntaxException ex)
        {
            modelfile = null;
            error = ex;
            return false;
        }
    }
}
