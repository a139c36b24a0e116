using System.Text;
using System.Text.Json;
using Corral.Prompting.Output;

namespace Corral.Prompting.Tests.Output;

/// <summary>The concatenated result of a whole generation: what a client would have after the last chunk.</summary>
internal sealed record Outcome(string Thinking, string Content, string Calls, string Failures)
{
    public override string ToString() => $"T[{Thinking}] C[{Content}] K[{Calls}] F[{Failures}]";
}

/// <summary>Feeds recorded model outputs through parsers with different splits.</summary>
internal static class OutputHarness
{
    public static Outcome Run(Func<OutputParser> make, IEnumerable<string> pieces)
    {
        var parser = make();
        var (thinking, content, calls, failures) = (new StringBuilder(), new StringBuilder(), new StringBuilder(), new StringBuilder());
        int expectedIndex = 0;
        void Add(OutputDelta d)
        {
            thinking.Append(d.Thinking);
            content.Append(d.Content);
            foreach (var c in d.ToolCalls)
            {
                Assert.Equal(expectedIndex++, c.Function.Index);
                Assert.Equal(JsonValueKind.Object, c.Function.Arguments!.Value.ValueKind);
                calls.Append(c.Function.Name).Append(JsonSerializer.Serialize(c.Function.Arguments)).Append(';');
            }

            if (d.ParseFailure != null) failures.Append("fail;");
        }

        foreach (var p in pieces) Add(parser.Push(p));
        Add(parser.Flush());
        return new(thinking.ToString(), content.ToString(), calls.ToString(), failures.ToString());
    }

    /// <summary>The text split at one boundary: every boundary is tried by the callers.</summary>
    public static IEnumerable<string[]> TwoWaySplits(string text)
    {
        for (int i = 0; i <= text.Length; i++) yield return [text[..i], text[i..]];
    }

    /// <summary>One character (one UTF-16 unit) per piece.</summary>
    public static string[] PerChar(string text) => text.Select(c => c.ToString()).ToArray();

    /// <summary>Splits at the given cut points (taken modulo the length).</summary>
    public static string[] SplitAt(string text, IEnumerable<int> cuts)
    {
        var points = cuts.Select(c => text.Length == 0 ? 0 : Math.Abs(c % (text.Length + 1))).Append(0).Append(text.Length).Distinct().Order().ToArray();
        return points.Zip(points.Skip(1), (a, b) => text[a..b]).ToArray();
    }

    /// <summary>Asserts the outcome is the same for the whole text, every two-way split and one piece per character.</summary>
    public static Outcome AssertSplitInvariant(Func<OutputParser> make, string text)
    {
        var whole = Run(make, [text]);
        foreach (var split in TwoWaySplits(text)) Assert.Equal(whole, Run(make, split));
        Assert.Equal(whole, Run(make, PerChar(text)));
        return whole;
    }

    public static Func<OutputParser> Parser(ToolCallFormat? format, string? open = null, string? close = null, bool inside = false) =>
        () => new OutputParser(
            open == null ? null : new ThinkingSplitter(open, close!, inside),
            format == null ? null : new ToolCallParser(format));
}
