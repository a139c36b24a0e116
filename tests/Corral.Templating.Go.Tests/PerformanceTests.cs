using System.Diagnostics;

namespace Corral.Templating.Go.Tests;

public sealed class PerformanceTests
{
    [Fact]
    public void ChatTemplateRendersQuicklyAndReusably()
    {
        var c = GoldenData.Load("chat.json").Single(x => x.Name == "llama3.1-tools/tools-call-result");
        var t = GoTemplate.Parse("t", c.Template);
        var data = ChatModel.Build(c.Data);
        Assert.Equal(c.Output, t.Render(data));
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < 2000; i++) t.Render(data);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(20), $"2000 renders took {sw.Elapsed}");
    }
}
