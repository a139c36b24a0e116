#pragma warning disable OPENAI001 // the SDK's Responses client is experimental
using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Responses;

namespace Corral.Server.Tests.OpenAI;

/// <summary>The official OpenAI .NET SDK's Responses client against a real server (stateless <c>/v1/responses</c>).</summary>
public sealed class ResponsesSdkTests(ModelsFixture models) : IClassFixture<ModelsFixture>
{
    private ResponsesClient Client => new OpenAIClient(new ApiKeyCredential("corral"),
        new OpenAIClientOptions { Endpoint = new Uri(models.Inner.BaseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(2) }).GetResponsesClient();

    private static CreateResponseOptions Options(string input, bool stream = false) =>
        new("chatml", [ResponseItem.CreateUserMessageItem(input)])
        {
            MaxOutputTokenCount = 8,
            Temperature = 0,
            Instructions = "You are terse.",
            StreamingEnabled = stream ? true : null,
        };

    [Fact]
    public async Task NonStreaming_MessageAndUsage()
    {
        var result = (await Client.CreateResponseAsync(Options("Hello"), TestContext.Current.CancellationToken)).Value;
        Assert.StartsWith("resp_", result.Id, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Incomplete, result.Status);
        var message = Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(result.OutputItems));
        Assert.Equal(MessageRole.Assistant, message.Role);
        Assert.False(string.IsNullOrEmpty(result.GetOutputText()));
        Assert.Equal(8, result.Usage.OutputTokenCount);
        Assert.True(result.Usage.InputTokenCount > 0);
        Assert.Equal(result.Usage.InputTokenCount + 8, result.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Streaming_EventSequence()
    {
        var kinds = new List<string>();
        var text = new StringBuilder();
        ResponseResult? final = null;
        var sequence = -1;
        await foreach (var update in await Client.CreateResponseStreamingAsync(Options("Hello", stream: true), TestContext.Current.CancellationToken))
        {
            Assert.Equal(sequence + 1, update.SequenceNumber);
            sequence = update.SequenceNumber;
            kinds.Add(update.GetType().Name);
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    text.Append(delta.Delta);
                    break;
                case StreamingResponseIncompleteUpdate incomplete:
                    final = incomplete.Response;
                    break;
                case StreamingResponseCompletedUpdate completed:
                    final = completed.Response;
                    break;
            }
        }

        Assert.Equal("StreamingResponseCreatedUpdate", kinds[0]);
        Assert.Equal("StreamingResponseInProgressUpdate", kinds[1]);
        Assert.Equal("StreamingResponseOutputItemAddedUpdate", kinds[2]);
        Assert.Equal("StreamingResponseContentPartAddedUpdate", kinds[3]);
        Assert.Contains("StreamingResponseOutputTextDeltaUpdate", kinds);
        Assert.Equal(
            ["StreamingResponseOutputTextDoneUpdate", "StreamingResponseContentPartDoneUpdate", "StreamingResponseOutputItemDoneUpdate", "StreamingResponseIncompleteUpdate"],
            kinds[^4..]);
        Assert.NotNull(final);
        Assert.Equal(text.ToString(), final.GetOutputText());
        Assert.Equal(8, final.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task FunctionCallRoundTrip_InputItemsAccepted()
    {
        var options = new CreateResponseOptions("chatml",
        [
            ResponseItem.CreateUserMessageItem("What is the weather in Paris?"),
            ResponseItem.CreateFunctionCallItem("call_1", "weather", BinaryData.FromString("""{"city":"Paris"}""")),
            ResponseItem.CreateFunctionCallOutputItem("call_1", "sunny"),
        ])
        {
            MaxOutputTokenCount = 4,
            Temperature = 0,
        };
        // The fixture's models have no tool-capable template, so no tools are declared: this checks that the
        // function_call and function_call_output items of a replayed conversation are accepted and mapped.
        var result = (await Client.CreateResponseAsync(options, TestContext.Current.CancellationToken)).Value;

        Assert.StartsWith("resp_", result.Id, StringComparison.Ordinal);
        Assert.Equal(4, result.Usage.OutputTokenCount);
        Assert.False(string.IsNullOrEmpty(result.GetOutputText()));
    }

    [Fact]
    public async Task PreviousResponseId_Is400_NamingIt()
    {
        var options = Options("Hello");
        options.PreviousResponseId = "resp_abc";
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client.CreateResponseAsync(options, TestContext.Current.CancellationToken));
        Assert.Equal(400, error.Status);
        var body = JsonDocument.Parse(error.GetRawResponse()!.Content.ToString()).RootElement.GetProperty("error");
        Assert.Equal("invalid_request_error", body.GetProperty("type").GetString());
        Assert.Equal("previous_response_id", body.GetProperty("param").GetString());
    }

    [Fact]
    public async Task StoreTrue_Is400_AndUnknownModel_Is404()
    {
        const string body = """{"model":"stories","input":"x","store":true}""";
        var response = await models.Inner.Http.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("error");
        Assert.Equal("store", error.GetProperty("param").GetString());

        var missing = await Assert.ThrowsAsync<ClientResultException>(async () =>
        {
            await foreach (var _ in await Client.CreateResponseStreamingAsync(new CreateResponseOptions("no-such-model", [ResponseItem.CreateUserMessageItem("x")]) { StreamingEnabled = true }, TestContext.Current.CancellationToken))
            {
            }
        });
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task RawStream_IsTypedSse_WithoutDone()
    {
        const string body = """{"model":"stories","input":"Once","max_output_tokens":3,"stream":true}""";
        var response = await models.Inner.Http.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/event-stream", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.StartsWith("event: response.created\ndata: {\"type\":\"response.created\",\"sequence_number\":0,", text, StringComparison.Ordinal);
        Assert.Contains("event: response.incomplete\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
    }
}
