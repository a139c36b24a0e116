using System.Text.Json;
using Corral.Api.Models;
using Corral.Routing.Configuration;
using Corral.Routing.Upstreams;

namespace Corral.Routing.Tests.Upstreams;

/// <summary>Providers pointed at a fake upstream, and helpers to run them.</summary>
internal static class Upstream
{
    public const string Key = "sk-test-SECRET-0123456789abcdef";

    public static IChatProvider Create(string kind, Uri baseUri, TargetTimeouts? timeouts = null, IReadOnlyDictionary<string, string>? headers = null) =>
        ChatProviders.Create(Config(kind, baseUri, timeouts, headers), local: null, TimeProvider.System);

    public static ProviderConfig Config(string kind, Uri baseUri, TargetTimeouts? timeouts = null, IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Name = kind,
        Kind = kind == "anthropic" ? ProviderKind.Anthropic : ProviderKind.OpenAI,
        BaseUrl = kind == "anthropic" ? baseUri : new Uri(baseUri, "v1"),
        ApiKey = new Secret(Key, "env:TEST_KEY"),
        Headers = headers ?? new Dictionary<string, string>(),
        Timeouts = timeouts ?? TargetTimeouts.None,
    };

    public static ChatRequest Hello(string model = "test-model") => new()
    {
        Model = model,
        Messages = [new Message { Role = "user", Content = "Hi" }],
    };

    public static async Task<List<ChatResponse>> CollectAsync(IChatProvider provider, ChatRequest request, TargetTimeouts? timeouts = null)
    {
        var chunks = new List<ChatResponse>();
        await foreach (var chunk in provider.StreamAsync(request, timeouts ?? TargetTimeouts.None, TestContext.Current.CancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    public static async Task<UpstreamException> FailAsync(IChatProvider provider, ChatRequest request, TargetTimeouts? timeouts = null) =>
        await Assert.ThrowsAsync<UpstreamException>(() => CollectAsync(provider, request, timeouts));

    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static string Content(IEnumerable<ChatResponse> chunks) => string.Concat(chunks.Select(c => c.Message.Content));

    public static string Thinking(IEnumerable<ChatResponse> chunks) => string.Concat(chunks.Select(c => c.Message.Thinking));
}
