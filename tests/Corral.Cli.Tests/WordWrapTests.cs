using Corral.Cli.Rendering;

namespace Corral.Cli.Tests;

public sealed class WordWrapTests
{
    private static string Wrap(int width, params string[] chunks)
    {
        var sw = new StringWriter();
        var wrapper = new WordWrapper(sw, enabled: true, width);
        foreach (var chunk in chunks)
        {
            wrapper.Write(chunk);
        }

        return WordWrapper.RenderEscapes(sw.ToString());
    }

    [Fact]
    public void Wraps_whole_words_before_width_minus_five()
    {
        var text = Wrap(20, "the quick brown fox jumps over the lazy dog");
        foreach (var line in text.Split('\n'))
        {
            Assert.True(line.Length <= 15, line);
        }

        Assert.Equal("the quick brown fox jumps over the lazy dog", string.Join(' ', text.Split('\n').Select(l => l.Trim())).Replace("  ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void Streaming_chunks_wrap_the_same_as_one_chunk()
    {
        var whole = Wrap(20, "the quick brown fox jumps over the lazy dog");
        var pieces = Wrap(20, "the qu", "ick bro", "wn fox jum", "ps over the l", "azy dog");
        Assert.Equal(whole, pieces);
    }

    [Fact]
    public void Disabled_or_narrow_passes_through()
    {
        var sw = new StringWriter();
        new WordWrapper(sw, enabled: false, 20).Write("the quick brown fox jumps over the lazy dog");
        Assert.Equal("the quick brown fox jumps over the lazy dog", sw.ToString());
        sw = new StringWriter();
        new WordWrapper(sw, enabled: true, 5).Write("the quick brown fox");
        Assert.Equal("the quick brown fox", sw.ToString());
    }

    [Fact]
    public void Newlines_reset_the_line()
    {
        var text = Wrap(20, "short line\nanother short\n");
        Assert.Equal("short line\nanother short\n", text);
    }
}
