using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Anthropic.Models.Models;

namespace Corral.Server.Tests.Conformance;

/// <summary>The official Anthropic C# SDK (Messages) as a conformance client. The request is built in Anthropic's
/// wire shape and handed to the SDK's <c>FromRawUnchecked</c>, as the npm adapter hands it plain objects; what comes
/// back is read through the SDK's typed message, content blocks and stream events.</summary>
internal sealed class AnthropicDotnetAdapter(Uri server) : IConformanceAdapter
{
    public string Client => "anthropic-dotnet";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<Observation> RunAsync(JsonElement input)
    {
        var client = new AnthropicClient { BaseUrl = server.ToString().TrimEnd('/'), ApiKey = "corral", MaxRetries = 0 };
        try
        {
            if (input.Flag("list_models"))
            {
                return await ListModelsAsync(client);
            }

            if (input.Str("get_model") is { } name)
            {
                var model = await client.Models.Retrieve(name, new ModelRetrieveParams(), Ct);
                Assert.Equal("model", model.Type.ToString());
                return new Observation { ModelId = model.ID, DisplayName = model.DisplayName };
            }

            var parameters = MessageCreateParams.FromRawUnchecked(
                new Dictionary<string, JsonElement>(), new Dictionary<string, JsonElement>(), Body(input));
            return input.Flag("stream") ? await StreamAsync(client, parameters) : FromMessage(await client.Messages.Create(parameters, Ct));
        }
        catch (AnthropicApiException e)
        {
            var body = Neutral.Body(e.Body.ToString());
            var error = body.Get("error") ?? default;
            return new Observation
            {
                Error = new ObservedError((int)e.StatusCode, error.Str("type"), null, null, error.Str("message") ?? e.Message, e.GetType().Name, e.ToString()),
            };
        }
    }

    /// <summary>Lists one model a page, so the SDK's paging (<c>has_more</c>, <c>after_id</c> = the page's
    /// <c>last_id</c>) walks the whole list.</summary>
    private static async Task<Observation> ListModelsAsync(AnthropicClient client)
    {
        var ids = new List<string>();
        var page = await client.Models.List(new ModelListParams { Limit = 1 }, Ct);
        await foreach (var model in page.Paginate(Ct))
        {
            Assert.Equal("model", model.Type.ToString());
            ids.Add(model.ID);
        }

        return new Observation { ModelIds = ids };
    }

    private static async Task<Observation> StreamAsync(AnthropicClient client, MessageCreateParams parameters)
    {
        var text = new StringBuilder();
        var thinking = new StringBuilder();
        var kinds = new List<string>();
        var deltas = 0;
        var calls = new SortedDictionary<long, (string Id, string Name, StringBuilder Input)>();
        string? id = null;
        string? finish = null;
        long prompt = 0;
        long output = 0;
        await foreach (var e in client.Messages.CreateStreaming(parameters, Ct))
        {
            if (e.TryPickStart(out var start))
            {
                kinds.Add("start");
                id = start!.Message.ID;
                prompt = Prompt(start.Message.Usage.InputTokens, start.Message.Usage.CacheReadInputTokens, start.Message.Usage.CacheCreationInputTokens);
            }
            else if (e.TryPickContentBlockStart(out var blockStart))
            {
                if (blockStart!.ContentBlock.TryPickToolUse(out var use))
                {
                    // A tool_use block starts with its id, name and an empty input; the input follows as
                    // input_json_delta fragments.
                    Assert.Empty(use!.Input);
                    calls[blockStart.Index] = (use.ID, use.Name, new StringBuilder());
                }
            }
            else if (e.TryPickContentBlockDelta(out var delta))
            {
                if (delta!.Delta.TryPickInputJson(out var json))
                {
                    Assert.True(calls.ContainsKey(delta.Index), "input_json_delta for a block that is not a tool_use");
                    calls[delta.Index].Input.Append(json!.PartialJson);
                }
                else if (delta.Delta.TryPickText(out var t))
                {
                    text.Append(t!.Text);
                    deltas++;
                }
                else if (delta.Delta.TryPickThinking(out var th))
                {
                    thinking.Append(th!.Thinking);
                }
            }
            else if (e.TryPickDelta(out var messageDelta))
            {
                kinds.Add("delta");
                finish = messageDelta!.Delta.StopReason?.Raw();
                output = messageDelta.Usage.OutputTokens;
                if (messageDelta.Usage.InputTokens is { } input)
                {
                    // The final usage counts the whole prompt; message_start may carry a placeholder.
                    prompt = Prompt(input, messageDelta.Usage.CacheReadInputTokens, null);
                }
            }
            else if (e.TryPickStop(out _))
            {
                kinds.Add("stop");
            }
        }

        Assert.Equal(["start", "delta", "stop"], kinds);
        return new Observation
        {
            Id = id,
            Text = text.ToString(),
            Deltas = deltas,
            Reasoning = thinking.Length > 0 ? thinking.ToString() : null,
            Finish = finish,
            PromptTokens = prompt,
            OutputTokens = output,
            ToolCalls = [.. calls.Values.Select(c => new ObservedToolCall(c.Id, c.Name, c.Input.ToString()))],
        };
    }

    private static Observation FromMessage(Message message)
    {
        var text = new StringBuilder();
        var thinking = new StringBuilder();
        var calls = new List<ObservedToolCall>();
        foreach (var block in message.Content)
        {
            if (block.TryPickText(out var t))
            {
                text.Append(t!.Text);
            }
            else if (block.TryPickThinking(out var th))
            {
                thinking.Append(th!.Thinking);
            }
            else if (block.TryPickToolUse(out var use))
            {
                calls.Add(new ObservedToolCall(use!.ID, use.Name, JsonSerializer.Serialize(use.Input)));
            }
        }

        return new Observation
        {
            Id = message.ID,
            Text = text.ToString(),
            Reasoning = thinking.Length > 0 ? thinking.ToString() : null,
            ToolCalls = calls,
            Finish = message.StopReason?.Raw(),
            PromptTokens = Prompt(message.Usage.InputTokens, message.Usage.CacheReadInputTokens, message.Usage.CacheCreationInputTokens),
            OutputTokens = message.Usage.OutputTokens,
        };
    }

    /// <summary>Anthropic counts cached prompt tokens apart from <c>input_tokens</c>: the prompt is their sum.</summary>
    private static long Prompt(long input, long? cacheRead, long? cacheCreation) => input + (cacheRead ?? 0) + (cacheCreation ?? 0);

    private static Dictionary<string, JsonElement> Body(JsonElement input)
    {
        var body = new JsonObject
        {
            ["model"] = input.Str("model"),
            ["max_tokens"] = input.Int("max_tokens"),
            ["temperature"] = 0,
        };
        if (input.Str("system") is { } system)
        {
            body["system"] = system;
        }

        var messages = new JsonArray();
        foreach (var m in input.Items("messages"))
        {
            if (m.Get("tool_call") is { } call)
            {
                messages.Add(new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "tool_use", ["id"] = call.Str("id"), ["name"] = call.Str("name"), ["input"] = JsonNode.Parse(call.GetProperty("arguments").GetRawText()),
                    }),
                });
            }
            else if (m.Str("role") == "tool")
            {
                messages.Add(new JsonObject
                {
                    ["role"] = "user",
                    ["content"] = new JsonArray(new JsonObject { ["type"] = "tool_result", ["tool_use_id"] = m.Str("tool_call_id"), ["content"] = m.Str("content") }),
                });
            }
            else
            {
                messages.Add(new JsonObject { ["role"] = m.Str("role"), ["content"] = m.Str("content") });
            }
        }

        body["messages"] = messages;
        if (input.Get("tools") is { } tools)
        {
            body["tools"] = new JsonArray([.. tools.EnumerateArray().Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t.Str("name"), ["description"] = t.Str("description"), ["input_schema"] = JsonNode.Parse(t.GetProperty("parameters").GetRawText()),
            })]);
        }

        if (input.Get("schema") is { } schema)
        {
            // Structured output, as response_format is on OpenAI and format on Ollama; with tools the schema is a
            // call's shape, and the forced answer comes back as a tool_use block. (tool_choice any would force a call
            // too, but only to the tool's own input_schema, not to this narrower one.)
            body["output_config"] = new JsonObject
            {
                ["format"] = new JsonObject { ["type"] = "json_schema", ["schema"] = JsonNode.Parse(schema.GetRawText()) },
            };
        }

        if (input.Flag("think"))
        {
            body["thinking"] = new JsonObject { ["type"] = "enabled", ["budget_tokens"] = 1024 };
        }

        if (input.Get("extra_body") is { } extras)
        {
            foreach (var extra in extras.EnumerateObject())
            {
                body[extra.Name] = JsonNode.Parse(extra.Value.GetRawText());
            }
        }

        return JsonDocument.Parse(body.ToJsonString()).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
