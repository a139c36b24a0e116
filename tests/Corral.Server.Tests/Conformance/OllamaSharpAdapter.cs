using System.Net;
using System.Text;
using System.Text.Json;
using OllamaSharp;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;

namespace Corral.Server.Tests.Conformance;

/// <summary>OllamaSharp (Ollama's native API) as a conformance client.</summary>
internal sealed class OllamaSharpAdapter(Uri server) : IConformanceAdapter
{
    public string Client => "ollamasharp";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task<Observation> RunAsync(JsonElement input)
    {
        // OllamaSharp's exceptions carry the server's message but not the status: the handler records it.
        var status = new StatusRecorder { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(status) { BaseAddress = server, Timeout = TimeSpan.FromMinutes(2) };
        var client = new OllamaApiClient(http);
        try
        {
            return await RunCoreAsync(client, input);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            // Some of OllamaSharp's exceptions (HttpRequestException on a 404) drop the server's message: the error
            // recorded is the body Corral sent, in Ollama's {"error": "..."} shape; the class is what the SDK raised.
            var message = Neutral.Body(status.ErrorBody).Str("error") ?? e.Message;
            return new Observation { Error = new ObservedError((int?)status.Last, null, null, null, message, e.GetType().Name, e.ToString()) };
        }
    }

    private static async Task<Observation> RunCoreAsync(OllamaApiClient client, JsonElement input)
    {
        if (input.Flag("list_models"))
        {
            var models = await client.ListLocalModelsAsync(Ct);
            return new Observation { ModelIds = [.. models.Select(m => m.Name)] };
        }

        if (input.Get("embed") is { } embed)
        {
            var result = await client.EmbedAsync(new EmbedRequest
            {
                Model = input.Str("model")!,
                Input = [.. embed.EnumerateArray().Select(s => s.GetString()!)],
                Dimensions = input.Int("dimensions"),
            }, Ct);
            return new Observation { Embeddings = [.. result.Embeddings.Select(v => v.Select(x => (float)x).ToArray())], PromptTokens = result.PromptEvalCount };
        }

        var request = new ChatRequest
        {
            Model = input.Str("model")!,
            Messages = Messages(input),
            Stream = input.Flag("stream"),
            Options = new RequestOptions { NumPredict = input.Int("max_tokens"), Temperature = 0 },
            Tools = input.Get("tools") is { } tools ? [.. tools.EnumerateArray().Select(Tool)] : null,
            Format = input.Get("schema"),
            Think = input.Flag("think") ? true : null,
        };
        var text = new StringBuilder();
        var thinking = new StringBuilder();
        var calls = new List<ObservedToolCall>();
        var deltas = 0;
        ChatResponseStream? last = null;
        await foreach (var part in client.ChatAsync(request, Ct))
        {
            last = part;
            Assert.Equal(ChatRole.Assistant, part!.Message.Role);
            if (!string.IsNullOrEmpty(part.Message.Content))
            {
                text.Append(part.Message.Content);
                deltas++;
            }

            thinking.Append(part.Message.Thinking);
            foreach (var call in part.Message.ToolCalls ?? [])
            {
                calls.Add(new ObservedToolCall(call.Id, call.Function!.Name!, JsonSerializer.Serialize(call.Function.Arguments)));
            }
        }

        var done = Assert.IsType<ChatDoneResponseStream>(last);
        return new Observation
        {
            Text = text.ToString(),
            Deltas = input.Flag("stream") ? deltas : 0,
            Reasoning = thinking.Length > 0 ? thinking.ToString() : null,
            ToolCalls = calls,
            Finish = done.DoneReason,
            PromptTokens = done.PromptEvalCount,
            OutputTokens = done.EvalCount,
        };
    }

    private static List<Message> Messages(JsonElement input)
    {
        var messages = new List<Message>();
        if (input.Str("system") is { } system)
        {
            messages.Add(new Message(ChatRole.System, system));
        }

        foreach (var m in input.Items("messages"))
        {
            if (m.Get("tool_call") is { } call)
            {
                var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(call.GetProperty("arguments").GetRawText());
                messages.Add(new Message(ChatRole.Assistant, "")
                {
                    ToolCalls = [new Message.ToolCall { Function = new Message.Function { Name = call.Str("name"), Arguments = arguments } }],
                });
            }
            else if (m.Str("role") == "tool")
            {
                messages.Add(new Message(ChatRole.Tool, m.Str("content")!) { ToolName = m.Str("name") });
            }
            else
            {
                messages.Add(new Message(new ChatRole(m.Str("role")!), m.Str("content")!));
            }
        }

        return messages;
    }

    /// <summary>A function tool in OllamaSharp's typed model, from the case's JSON Schema parameters.</summary>
    private static Tool Tool(JsonElement tool)
    {
        var schema = tool.GetProperty("parameters");
        return new Tool
        {
            Function = new Function
            {
                Name = tool.Str("name"),
                Description = tool.Str("description"),
                Parameters = new Parameters
                {
                    Properties = schema.GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => new Property { Type = p.Value.Str("type") }),
                    Required = [.. schema.Items("required").Select(r => r.GetString()!)],
                },
            },
        };
    }

    private sealed class StatusRecorder : DelegatingHandler
    {
        public HttpStatusCode? Last { get; private set; }

        public string? ErrorBody { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Last = response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                ErrorBody = await response.Content.ReadAsStringAsync(cancellationToken);
            }

            return response;
        }
    }
}
