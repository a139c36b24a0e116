#pragma warning disable OPENAI001 // reasoning effort is marked experimental in the SDK
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Corral.Server.Tests.Conformance;

/// <summary>The official OpenAI .NET SDK (Chat Completions, Embeddings, Models) as a conformance client.</summary>
internal sealed class OpenAIDotnetAdapter(Uri server) : IConformanceAdapter
{
    public string Client => "openai-dotnet";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<Observation> RunAsync(JsonElement input)
    {
        try
        {
            return await RunCoreAsync(input);
        }
        catch (ClientResultException e)
        {
            var body = Neutral.Body(e.GetRawResponse()?.Content.ToString()).Get("error") ?? default;
            return new Observation
            {
                Error = new ObservedError(e.Status, body.Str("type"), body.Str("code"), body.Str("param"), body.Str("message") ?? e.Message, e.GetType().Name, e.ToString()),
            };
        }
    }

    private OpenAIClient NewClient(JsonElement input)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(server, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(2) };
        if (input.Get("extra_body") is { } extra)
        {
            // The SDK has no typed field for these: its pipeline is the documented place to add them.
            options.AddPolicy(new ExtraBodyPolicy(extra), PipelinePosition.PerCall);
        }

        return new OpenAIClient(new ApiKeyCredential("corral"), options);
    }

    private async Task<Observation> RunCoreAsync(JsonElement input)
    {
        var client = NewClient(input);
        if (input.Flag("list_models"))
        {
            var list = await client.GetOpenAIModelClient().GetModelsAsync(Ct);
            return new Observation { ModelIds = [.. list.Value.Select(m => m.Id)] };
        }

        if (input.Str("get_model") is { } name)
        {
            var model = (await client.GetOpenAIModelClient().GetModelAsync(name, Ct)).Value;
            return new Observation { ModelId = model.Id, OwnedBy = model.OwnedBy };
        }

        if (input.Get("embed") is { } embed)
        {
            var options = new EmbeddingGenerationOptions { Dimensions = input.Int("dimensions") };
            var result = (await client.GetEmbeddingClient(input.Str("model")).GenerateEmbeddingsAsync(
                embed.EnumerateArray().Select(s => s.GetString()!), options, Ct)).Value;
            return new Observation { Embeddings = [.. result.Select(r => r.ToFloats().ToArray())], PromptTokens = result.Usage.InputTokenCount };
        }

        var chat = client.GetChatClient(input.Str("model"));
        return input.Flag("stream") ? await StreamAsync(chat, input) : await CompleteAsync(chat, input);
    }

    private static async Task<Observation> CompleteAsync(ChatClient chat, JsonElement input)
    {
        var result = await chat.CompleteChatAsync(Messages(input), Options(input), Ct);
        var completion = result.Value;
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        // The SDK has no property for reasoning_content: read it from the response it received.
        var raw = JsonDocument.Parse(result.GetRawResponse().Content.ToString()).RootElement.GetProperty("choices")[0].GetProperty("message");
        return new Observation
        {
            Id = completion.Id,
            Text = string.Concat(completion.Content.Select(p => p.Text)),
            Finish = Finish(completion.FinishReason),
            PromptTokens = completion.Usage.InputTokenCount,
            OutputTokens = completion.Usage.OutputTokenCount,
            TotalTokens = completion.Usage.TotalTokenCount,
            Reasoning = raw.Str("reasoning_content"),
            ToolCalls = [.. completion.ToolCalls.Select(t => new ObservedToolCall(t.Id, t.FunctionName, t.FunctionArguments.ToString()))],
            Logprobs = input.Int("logprobs") is null ? null
                : [.. completion.ContentTokenLogProbabilities.Select(l => new ObservedLogprob(l.Token, l.LogProbability, [.. l.TopLogProbabilities.Select(t => (double)t.LogProbability)]))],
        };
    }

    private static async Task<Observation> StreamAsync(ChatClient chat, JsonElement input)
    {
        var text = new StringBuilder();
        var deltas = 0;
        var calls = new SortedDictionary<int, (string? Id, string Name, StringBuilder Arguments)>();
        string? finish = null;
        string? id = null;
        ChatTokenUsage? usage = null;
        var first = true;
        await foreach (var update in chat.CompleteChatStreamingAsync(Messages(input), Options(input), Ct))
        {
            if (first)
            {
                Assert.Equal(ChatMessageRole.Assistant, update.Role);
                first = false;
            }

            id ??= update.CompletionId;
            Assert.Equal(id, update.CompletionId);
            foreach (var part in update.ContentUpdate.Where(p => !string.IsNullOrEmpty(p.Text)))
            {
                text.Append(part.Text);
                deltas++;
            }

            foreach (var call in update.ToolCallUpdates)
            {
                if (!calls.TryGetValue(call.Index, out var seen))
                {
                    // OpenAI streams a call's id and name first and its arguments in fragments after.
                    Assert.False(string.IsNullOrEmpty(call.ToolCallId), "the first fragment of a tool call carries its id");
                    Assert.False(string.IsNullOrEmpty(call.FunctionName), "the first fragment of a tool call carries its name");
                    seen = calls[call.Index] = (call.ToolCallId, call.FunctionName, new StringBuilder());
                }

                seen.Arguments.Append(call.FunctionArgumentsUpdate?.ToString());
            }

            finish ??= update.FinishReason is { } reason ? Finish(reason) : null;
            usage ??= update.Usage;
        }

        Assert.NotNull(usage);
        return new Observation
        {
            Id = id,
            Text = text.ToString(),
            Deltas = deltas,
            Finish = finish,
            PromptTokens = usage.InputTokenCount,
            OutputTokens = usage.OutputTokenCount,
            TotalTokens = usage.TotalTokenCount,
            ToolCalls = [.. calls.Values.Select(c => new ObservedToolCall(c.Id, c.Name, c.Arguments.ToString()))],
        };
    }

    private static List<ChatMessage> Messages(JsonElement input)
    {
        var messages = new List<ChatMessage>();
        if (input.Str("system") is { } system)
        {
            messages.Add(new SystemChatMessage(system));
        }

        foreach (var m in input.Items("messages"))
        {
            if (m.Get("tool_call") is { } call)
            {
                messages.Add(new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall(call.Str("id"), call.Str("name"), BinaryData.FromString(call.GetProperty("arguments").GetRawText()))]));
            }
            else if (m.Str("role") == "tool")
            {
                messages.Add(new ToolChatMessage(m.Str("tool_call_id"), m.Str("content")));
            }
            else
            {
                messages.Add(new UserChatMessage(m.Str("content")));
            }
        }

        return messages;
    }

    private static ChatCompletionOptions Options(JsonElement input)
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = input.Int("max_tokens"), Temperature = 0 };
        foreach (var tool in input.Items("tools"))
        {
            options.Tools.Add(ChatTool.CreateFunctionTool(tool.Str("name"), tool.Str("description"), BinaryData.FromString(tool.GetProperty("parameters").GetRawText())));
        }

        if (input.Get("schema") is { } schema)
        {
            options.ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("answer", BinaryData.FromString(schema.GetRawText()));
        }

        if (input.Flag("think"))
        {
            options.ReasoningEffortLevel = ChatReasoningEffortLevel.Low;
        }

        if (input.Int("logprobs") is { } top)
        {
            options.IncludeLogProbabilities = true;
            options.TopLogProbabilityCount = top;
        }

        return options;
    }

    private static string Finish(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => "stop",
        ChatFinishReason.Length => "length",
        ChatFinishReason.ToolCalls => "tool_calls",
        ChatFinishReason.ContentFilter => "content_filter",
        ChatFinishReason.FunctionCall => "function_call",
        _ => reason.ToString(),
    };

    /// <summary>Adds fields the SDK has no property for to the JSON body it sends.</summary>
    private sealed class ExtraBodyPolicy(JsonElement extra) : PipelinePolicy
    {
        public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Rewrite(message);
            ProcessNext(message, pipeline, currentIndex);
        }

        public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
        {
            Rewrite(message);
            await ProcessNextAsync(message, pipeline, currentIndex);
        }

        private void Rewrite(PipelineMessage message)
        {
            if (message.Request.Content is not { } content)
            {
                return;
            }

            using var buffer = new MemoryStream();
            content.WriteTo(buffer, CancellationToken.None);
            var body = JsonNode.Parse(buffer.ToArray())!.AsObject();
            foreach (var property in extra.EnumerateObject())
            {
                body[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }

            message.Request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
        }
    }
}
