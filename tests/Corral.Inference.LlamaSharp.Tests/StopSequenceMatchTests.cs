namespace Corral.Inference.LlamaSharp.Tests;

/// <summary>Which stop sequence ended generation is known, so APIs can report it (Anthropic's <c>stop_sequence</c>).</summary>
public sealed class StopSequenceMatchTests(StoriesFixture fixture) : IClassFixture<StoriesFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_earliest_match_is_reported_even_across_pieces()
    {
        var matcher = new StopSequenceMatcher(["world", "lo w", "zzz"]);
        Assert.Equal("hel", matcher.Push("hello"));
        Assert.Null(matcher.MatchedStop);
        Assert.Equal("", matcher.Push(" world"));
        Assert.True(matcher.Matched);
        Assert.Equal("lo w", matcher.MatchedStop);
    }

    [Fact]
    public void Of_stops_starting_at_the_same_place_the_longest_is_reported()
    {
        var matcher = new StopSequenceMatcher(["EN", "END"]);
        Assert.Equal("The ", matcher.Push("The END."));
        Assert.Equal("END", matcher.MatchedStop);
    }

    [Fact]
    public void No_match_reports_nothing()
    {
        var matcher = new StopSequenceMatcher(["zzz"]);
        Assert.Equal("abc", matcher.Push("abc") + matcher.Flush());
        Assert.Null(matcher.MatchedStop);
    }

    [Fact]
    public async Task The_last_chunk_of_a_real_generation_names_the_stop()
    {
        var runner = fixture.Runner;
        var baseline = await Generation.RunAsync(runner, Generation.Prompt(runner, "Once upon a time", 30), Ct);
        Assert.Null(baseline.Last.StopSequence);
        var stop = baseline.Text.Substring(baseline.Text.Length / 2, 3);

        var stopped = await Generation.RunAsync(runner, Generation.Prompt(runner, "Once upon a time", 30) with { Stop = ["\u0001never", stop] }, Ct);

        Assert.Equal(DoneReason.Stop, stopped.Last.DoneReason);
        Assert.Equal(stop, stopped.Last.StopSequence);
    }
}
