using Corral.Cli.Commands;

namespace Corral.Cli.Tests;

public sealed class BenchTests
{
    [Theory]
    [InlineData(new[] { "1,4" }, new[] { 1, 4 })]
    [InlineData(new[] { "4" }, new[] { 4 })]
    [InlineData(new[] { "1", "2", "2" }, new[] { 1, 2 })]
    [InlineData(new string[0], new[] { 1 })]
    public void Concurrency_levels_parse(string[] values, int[] expected) =>
        Assert.Equal(expected, BenchSettings.ParseConcurrency(values));

    [Theory]
    [InlineData("0")]
    [InlineData("x")]
    [InlineData("-2")]
    public void Bad_concurrency_is_a_clear_error(string value) =>
        Assert.Contains("--concurrent", Assert.Throws<CliException>(() => BenchSettings.ParseConcurrency([value])).Message, StringComparison.Ordinal);

    [Fact]
    public void Stats_are_median_min_max()
    {
        Assert.Equal(new BenchStat(3, 1, 9), BenchStat.Of([9, 1, 3]));
        Assert.Equal(new BenchStat(2.5, 1, 4), BenchStat.Of([4, 1, 2, 3]));
        Assert.Equal(new BenchStat(0, 0, 0), BenchStat.Of([]));
    }

    [Fact]
    public void Context_fits_the_longest_request()
    {
        var settings = new BenchSettings { PromptTokens = 128, NumPredict = 128, PrefixTokens = 1000 };
        Assert.True(settings.EffectiveContextLength >= 1000 + 64 + 128);
        Assert.Equal(0, settings.EffectiveContextLength % 256);
        Assert.Equal(777, (settings with { ContextLength = 777 }).EffectiveContextLength);
    }

    [Fact]
    public void Prompts_start_differently_so_the_prefix_cache_cannot_serve_them()
    {
        var a = BenchPrompt.Build(100, 1);
        var b = BenchPrompt.Build(100, 2);
        Assert.NotEqual(a[..12], b[..12]);
        Assert.InRange(a.Split(' ').Length, 90, 110);
    }

    [Fact]
    public void Aggregate_counts_every_stream_over_the_shared_wall_time()
    {
        var f = System.Diagnostics.Stopwatch.Frequency;
        BenchSample Sample(long first, long done, int tokens) => new(0, first, done, 0, 0, 0, tokens, 0);
        var rate = BenchMeasure.Aggregate([Sample(0, f, 50), Sample(f / 2, 2 * f, 50)]);
        Assert.Equal(50.0, rate, 3); // 100 tokens over 2 s
    }

    [Fact]
    public void Synthetic_model_names_are_valid()
    {
        Assert.Equal("synthetic-qwen2-0.5b:q4_k_m", BenchSynthetic.ModelNameFor("qwen2-0.5b", "Q4_K_M"));
        Assert.Equal("synthetic-llama-1b:f16", BenchSynthetic.ModelNameFor("llama-1b", "F16"));
    }

    [Fact]
    public void Json_is_snake_case()
    {
        var report = new BenchReport
        {
            Model = "m", ContextLength = 2048, NumPredict = 8, Runs = 1,
            Levels = [new BenchLevel(1, 10, 8, new(1, 1, 1), new(2, 2, 2), new(3, 3, 3), new(4, 4, 4))],
        };
        var json = System.Text.Json.JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport);
        Assert.Contains("\"aggregate_generation_tokens_per_second\"", json, StringComparison.Ordinal);
        Assert.Contains("\"time_to_first_token_ms\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"prefix\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stories:latest", "stories", true)]
    [InlineData("stories:latest", "stories:latest", true)]
    [InlineData("stories:q8", "stories", false)]
    [InlineData("localhost:5000/ns/m:latest", "localhost:5000/ns/m", true)]
    [InlineData("localhost:5000/ns/m:v1", "localhost:5000/ns/m", false)]
    public void The_loaded_model_is_found_by_the_name_asked_for(string listed, string asked, bool expected) =>
        Assert.Equal(expected, BenchCommand.IsNamed(listed, asked));
}
