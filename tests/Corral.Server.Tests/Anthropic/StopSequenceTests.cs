using System.Text;
using Anthropic;
using Anthropic.Models.Messages;
using Corral.Server.Tests.Native;

namespace Corral.Server.Tests.Anthropic;

/// <summary>
/// Generation that ends on one of the request's stop sequences says so: <c>stop_reason: stop_sequence</c> with the
/// sequence (Anthropic, folded and streamed), <c>done_stop_sequence</c> (native), while OpenAI's finish_reason stays
/// <c>stop</c>. The stop is taken from the model's own greedy answer, so it is certain to be generated.
/// </summary>
public sealed class StopSequenceTests(ModelsFixture models) : IClassFixture<ModelsFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AnthropicClient Client() => new() { BaseUrl = models.Inner.BaseAddress.ToString().TrimEnd('/'), ApiKey = "corral", MaxRetries = 0 };

    private static MessageCreateParams Params(params string[] stops) => new()
    {
        Model = "greedy",
        MaxTokens = 12,
        Messages = [new UserMessageParam { Content = "Once upon a time" }],
        StopSequences = stops.Length == 0 ? null : stops,
    };

    /// <summary>A stop sequence inside the free answer, and the text before its first occurrence.</summary>
    private static (string Stop, string Before) StopWithin(string answer)
    {
        Assert.True(answer.Length >= 4, $"answer too short to pick a stop sequence from: '{answer}'");
        var stop = answer.Substring(1, 3);
        return (stop, answer[..answer.IndexOf(stop, StringComparison.Ordinal)]);
    }

    /// <summary>The Anthropic SDK no longer sends <c>temperature</c>: a model whose Modelfile makes it greedy.</summary>
    private async Task CreateGreedyAsync()
    {
        var (status, body) = await models.Inner.PostAsync("/api/create", """{"model":"greedy","from":"chatml","parameters":{"temperature":0},"stream":false}""");
        Assert.True(status == 200, body);
    }

    [Fact]
    public async Task Anthropic_ReportsTheStopSequenceThatMatched_FoldedAndStreamed()
    {
        await CreateGreedyAsync();
        var client = Client();
        var free = await client.Messages.Create(Params(), Ct);
        Assert.NotEqual("stop_sequence", free.StopReason?.ToString());
        Assert.Null(free.StopSequence);
        Assert.True(free.Content[0].TryPickText(out var answer));
        var (stop, before) = StopWithin(answer!.Text);

        var stopped = await client.Messages.Create(Params("never-generated-zzz", stop), Ct);
        Assert.Equal("stop_sequence", stopped.StopReason?.Raw());
        Assert.Equal(stop, stopped.StopSequence);
        var text = stopped.Content.Count == 0 ? "" : stopped.Content[0].TryPickText(out var t) ? t!.Text : "";
        Assert.Equal(before, text);

        string? streamedReason = null;
        string? streamedSequence = null;
        var streamedText = new StringBuilder();
        await foreach (var e in client.Messages.CreateStreaming(Params("never-generated-zzz", stop), Ct))
        {
            if (e.TryPickDelta(out var delta))
            {
                streamedReason = delta!.Delta.StopReason?.Raw();
                streamedSequence = delta.Delta.StopSequence;
            }
            else if (e.TryPickContentBlockDelta(out var block) && block!.Delta.TryPickText(out var piece))
            {
                streamedText.Append(piece!.Text);
            }
        }

        Assert.Equal(("stop_sequence", stop), (streamedReason, streamedSequence));
        Assert.Equal(before, streamedText.ToString());
    }

    [Fact]
    public async Task Native_FinalChunkNamesTheStop_AndOpenAIFinishReasonStaysStop()
    {
        const string Messages = """[{"role":"user","content":"Once upon a time"}]""";
        var (status, body) = await models.Inner.PostAsync("/api/chat", $$$"""{"model":"chatml","stream":false,"messages":{{{Messages}}},"options":{"temperature":0,"num_predict":12}}""");
        Assert.True(status == 200, body);
        var free = Http.Json(body);
        Assert.False(free.TryGetProperty("done_stop_sequence", out _));
        var (stop, before) = StopWithin(free.GetProperty("message").GetProperty("content").GetString()!);
        var stops = System.Text.Json.JsonSerializer.Serialize(new[] { "never-generated-zzz", stop });

        (status, body) = await models.Inner.PostAsync("/api/chat", $$$"""{"model":"chatml","stream":false,"messages":{{{Messages}}},"options":{"temperature":0,"num_predict":12,"stop":{{{stops}}}""" + "}}");
        Assert.True(status == 200, body);
        var stopped = Http.Json(body);
        Assert.Equal("stop", stopped.GetProperty("done_reason").GetString());
        Assert.Equal(stop, stopped.GetProperty("done_stop_sequence").GetString());
        Assert.Equal(before, stopped.GetProperty("message").GetProperty("content").GetString());

        (status, body) = await models.Inner.PostAsync("/v1/chat/completions", $$"""{"model":"chatml","messages":{{Messages}},"temperature":0,"max_tokens":12,"stop":{{stops}}}""");
        Assert.True(status == 200, body);
        var choice = Http.Json(body).GetProperty("choices")[0];
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(before, choice.GetProperty("message").GetProperty("content").GetString());
    }
}
