using Xunit;

namespace Corral.Templating.Jinja.Tests;

/// <summary>One test that reports the golden pass count (templates x scenarios) in its output.</summary>
public sealed class GoldenSummaryTests(ITestOutputHelper output)
{
    [Fact]
    public void ReportsPassCount()
    {
        var total = 0;
        var passed = 0;
        foreach (var (template, scenario) in GoldenTests.CaseList())
        {
            total++;
            var (actual, expected) = GoldenTests.Run(template, scenario);
            if (actual == expected)
            {
                passed++;
            }
            else
            {
                output.WriteLine($"FAIL {template} {scenario}");
            }
        }

        output.WriteLine($"golden pass: {passed}/{total}");
        Assert.True(total >= 650, $"expected at least 650 golden cases, found {total}");
    }
}
