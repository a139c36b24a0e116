using System.Text;
using System.Text.Json;
using Corral.TestKit.Upstreams;

namespace Corral.Routing.Tests.Upstreams;

/// <summary>The fake itself speaks the vendors' wire formats (so the provider tests test against the real shapes).</summary>
public sealed class FakeUpstreamTests
{
    [Fact]
    public async Task Anthropic_streams_named_events_in_the_apis_order()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);
        fake.Answer = new FakeAnswer { Text = "Hi there", Thinking = "hmm", ToolCall = new FakeToolCall("f", """{"a":1}""") };

        var text = await PostAsync(fake, "v1/messages", """{"model":"m","stream":true,"max_tokens":10,"messages":[]}""");

        var names = text.Split('\n').Where(l => l.StartsWith("event: ", StringComparison.Ordinal)).Select(l => l[7..]).Distinct().ToArray();
        Assert.Equal(["message_start", "ping", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], names);
        Assert.Contains("\"type\":\"input_json_delta\"", text, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"signature_delta\"", text, StringComparison.Ordinal);
        Assert.EndsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_streams_data_lines_ending_with_done_and_usage_only_when_asked()
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);

        var with = await PostAsync(fake, "v1/chat/completions", """{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[]}""");
        var without = await PostAsync(fake, "v1/chat/completions", """{"model":"m","stream":true,"messages":[]}""");

        Assert.EndsWith("data: [DONE]\n\n", with, StringComparison.Ordinal);
        Assert.Contains("\"prompt_tokens\":12", with, StringComparison.Ordinal);
        Assert.DoesNotContain("\"prompt_tokens\"", without, StringComparison.Ordinal);
        Assert.DoesNotContain("event:", with, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v1/messages", "content")]
    [InlineData("v1/chat/completions", "choices")]
    public async Task Without_stream_the_answer_is_one_json_body(string path, string field)
    {
        await using var fake = await FakeUpstream.StartAsync(TestContext.Current.CancellationToken);

        var text = await PostAsync(fake, path, """{"model":"m","messages":[]}""");

        using var document = JsonDocument.Parse(text);
        Assert.True(document.RootElement.TryGetProperty(field, out _));
        Assert.Equal(1, fake.RequestCount);
    }

    private static async Task<string> PostAsync(FakeUpstream fake, string path, string body)
    {
        using var http = new HttpClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(fake.BaseUri, path), content, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
