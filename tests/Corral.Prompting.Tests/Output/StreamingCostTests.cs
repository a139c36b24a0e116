using System.Diagnostics;
using Corral.Prompting.Output;
using Corral.Prompting.Output.ToolCallFormats;

namespace Corral.Prompting.Tests.Output;

/// <summary>A rough cost check: long reasoning, answer and a 16 KB tool call streamed in 3-character pieces.</summary>
public sealed class StreamingCostTests
{
    [Fact]
    public void Long_stream_in_small_pieces_is_cheap()
    {
        string code = string.Concat(Enumerable.Repeat("def f(x):\\n    return {\\\"a\\\": [x, x]}\\n", 400));
        string text = "<think>\n" + new string('r', 40_000) + "\n</think>\n\n" + new string('c', 40_000) +
            "<tool_call>\n{\"name\": \"write_file\", \"arguments\": {\"path\": \"a.py\", \"content\": \"" + code + "\"}}\n</tool_call>";
        var parser = new OutputParser(new ThinkingSplitter("<think>", "</think>"), new ToolCallParser(ToolCallFormatDetector.Hermes));
        var sw = Stopwatch.StartNew();
        int calls = 0;
        for (int i = 0; i < text.Length; i += 3) calls += parser.Push(text.Substring(i, Math.Min(3, text.Length - i))).ToolCalls.Count;
        calls += parser.Flush().ToolCalls.Count;
        sw.Stop();
        Assert.Equal(1, calls);
        Assert.True(sw.ElapsedMilliseconds < 3000, $"took {sw.ElapsedMilliseconds} ms");
    }
}
