using Corral.Cli;
using Corral.Server.Tests.Native;

namespace Corral.Server.Tests.Cli;

/// <summary><c>corral bench --json</c>, in process, through a real server with automatic parallelism and a real model.</summary>
public sealed class BenchEndToEndTests(AutoParallelServer fixture) : IClassFixture<AutoParallelServer>
{
    [Fact]
    public async Task Bench_reports_rates_time_to_first_token_concurrency_and_the_cached_prefix()
    {
        var server = fixture.Inner;
        var (code, stdout, stderr) = await CliHarness.RunAsync(server.BaseAddress,
            ["bench", "stories", "--json", "-n", "1,4", "--runs", "1", "--prompt-tokens", "32", "--num-predict", "24", "--prefix-tokens", "200"]);
        Assert.True(code == 0, stderr);

        var report = Http.Json(stdout);
        Assert.Equal("stories", report.GetProperty("model").GetString());
        Assert.Equal(4, report.GetProperty("parallel").GetInt32());
        var levels = report.GetProperty("levels").EnumerateArray().ToList();
        Assert.Equal([1, 4], levels.Select(l => l.GetProperty("concurrency").GetInt32()));
        foreach (var level in levels)
        {
            Assert.Equal(24, level.GetProperty("generated_tokens").GetInt32());
            foreach (var stat in new[] { "prompt_tokens_per_second", "generation_tokens_per_second", "aggregate_generation_tokens_per_second", "time_to_first_token_ms" })
            {
                Assert.True(level.GetProperty(stat).GetProperty("median").GetDouble() > 0, $"{stat}: {level}");
            }
        }

        var prefix = report.GetProperty("prefix");
        var prompt = prefix.GetProperty("prefix_tokens").GetInt32();
        var cached = prefix.GetProperty("cached_tokens").GetInt32();
        Assert.True(prompt >= 200 && cached < prompt && cached >= prompt * 9 / 10, prefix.ToString()); // all but the new question
    }
}
