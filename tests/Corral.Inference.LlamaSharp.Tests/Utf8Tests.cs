namespace Corral.Inference.LlamaSharp.Tests;

public sealed class Utf8Tests(TinyLlamaFixture fixture) : IClassFixture<TinyLlamaFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private IModelRunner Runner => fixture.Runner;

    [Fact]
    public void Emoji_and_cjk_fall_back_to_byte_tokens()
    {
        var tokens = Runner.Tokenize("😀", addSpecial: false, parseSpecial: false);
        Assert.True(tokens.Length >= 4, "the emoji should be spelled with byte-fallback tokens");
        Assert.EndsWith("😀", Runner.Detokenize(tokens), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Characters_split_across_tokens_are_held_back_until_complete()
    {
        const string expected = "😀 猫🐈";
        var request = new GenerationRequest
        {
            PromptTokens = Runner.Tokenize("My favourite emoji are 😀 and 猫:", addSpecial: true, parseSpecial: false),
            Sampling = Generation.Greedy,
            MaxTokens = 32,
            Grammar = "root ::= \"😀 猫🐈\"",
        };

        var result = await Generation.RunAsync(Runner, request, Ct);

        Assert.Equal(expected, result.Text);
        Assert.Equal(DoneReason.Stop, result.Last.DoneReason);
        Assert.All(result.Chunks, c => Assert.DoesNotContain('\uFFFD', c.Text));
        Assert.All(result.Chunks, c => Assert.False(c.Text.Length > 0 && char.IsHighSurrogate(c.Text[^1])));
        Assert.Contains(result.Chunks, c => c.TokenCount > 1); // several byte tokens released as one character
        Assert.Equal(result.Stats.GeneratedTokens, result.Chunks.Sum(c => c.TokenCount));
    }

    [Fact]
    public async Task Stop_sequences_match_non_ascii_text()
    {
        var request = new GenerationRequest
        {
            PromptTokens = Runner.Tokenize("Say:", addSpecial: true, parseSpecial: false),
            Sampling = Generation.Greedy,
            MaxTokens = 32,
            Grammar = "root ::= \"ab猫🐈cd\"",
            Stop = ["🐈"],
        };

        var result = await Generation.RunAsync(Runner, request, Ct);

        Assert.Equal("ab猫", result.Text);
        Assert.Equal(DoneReason.Stop, result.Last.DoneReason);
    }

    [Fact]
    public async Task Invalid_grammar_fails_the_request_and_the_runner_keeps_serving()
    {
        var request = new GenerationRequest
        {
            PromptTokens = Runner.Tokenize("Say:", addSpecial: true, parseSpecial: false),
            MaxTokens = 4,
            Grammar = "root ::= (((",
        };

        await Assert.ThrowsAsync<ArgumentException>(() => Generation.RunAsync(Runner, request, Ct));
        var next = await Generation.RunAsync(Runner, request with { Grammar = null }, Ct);
        Assert.Equal(4, next.Stats.GeneratedTokens);
    }
}
