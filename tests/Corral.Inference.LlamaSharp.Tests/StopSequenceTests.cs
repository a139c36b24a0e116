namespace Corral.Inference.LlamaSharp.Tests;

public sealed class StopSequenceTests(StoriesFixture fixture) : IClassFixture<StoriesFixture>
{
    private const string Prompt = "Once upon a time, there was a little boy";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IModelRunner Runner => fixture.Runner;

    [Fact]
    public async Task Stop_inside_one_chunk_is_never_returned()
    {
        var baseline = await Generation.RunAsync(Runner, Generation.Prompt(Runner, Prompt, 40), Ct);
        var text = baseline.Text;
        var stop = text.Substring(text.Length / 2, 3);

        await AssertStopsAt(stop, text);
    }

    [Fact]
    public async Task Stop_across_a_token_boundary_is_never_returned()
    {
        var baseline = await Generation.RunAsync(Runner, Generation.Prompt(Runner, Prompt, 40), Ct);
        var pieces = baseline.Chunks.Select(c => c.Text).Where(t => t.Length >= 2).ToList();
        var boundary = baseline.Chunks.Select(c => c.Text).ToList();
        var index = boundary.FindIndex(5, t => t.Length >= 2);
        var next = boundary.FindIndex(index + 1, t => t.Length >= 2);
        Assert.True(index > 0 && next == index + 1, "need two adjacent multi-character chunks");
        var stop = boundary[index][^2..] + boundary[next][..2];

        await AssertStopsAt(stop, baseline.Text);
    }

    [Fact]
    public async Task Near_miss_stop_releases_all_text()
    {
        var baseline = await Generation.RunAsync(Runner, Generation.Prompt(Runner, Prompt, 30), Ct);
        var request = Generation.Prompt(Runner, Prompt, 30) with { Stop = [" \u0001never", baseline.Text[^3..] + "\u0002"] };
        var result = await Generation.RunAsync(Runner, request, Ct);

        Assert.Equal(baseline.Text, result.Text);
        Assert.Equal(DoneReason.Length, result.Last.DoneReason);
    }

    private async Task AssertStopsAt(string stop, string fullText)
    {
        var expected = fullText[..fullText.IndexOf(stop, StringComparison.Ordinal)];
        var request = Generation.Prompt(Runner, Prompt, 40) with { Stop = ["zzz-not-there", stop] };
        var result = await Generation.RunAsync(Runner, request, Ct);

        Assert.Equal(expected, result.Text);
        Assert.Equal(DoneReason.Stop, result.Last.DoneReason);
        Assert.DoesNotContain(result.Chunks, c => c.Text.Contains(stop, StringComparison.Ordinal));
    }
}
