using System.Text.Json;

namespace Corral.Server.Tests.Deadlines;

/// <summary>One request per API, and how each API's error body reads.</summary>
public static class Protocol
{
    public const string Native = "native";
    public const string OpenAI = "openai";
    public const string Anthropic = "anthropic";

    public static (string Path, string Body) Request(string protocol, string model, bool stream = false) => protocol switch
    {
        Native => ("/api/chat", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Once upon a time"}],"stream":{{Lower(stream)}}}"""),
        OpenAI => ("/v1/chat/completions", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"Once upon a time"}],"stream":{{Lower(stream)}}}"""),
        _ => ("/v1/messages", $$"""{"model":"{{model}}","max_tokens":4000,"messages":[{"role":"user","content":"Once upon a time"}],"stream":{{Lower(stream)}}}"""),
    };

    /// <summary>The error's type (null for native, which has none) and message, checking the protocol's shape.</summary>
    public static (string? Type, string Message) Error(string protocol, string body)
    {
        var root = JsonDocument.Parse(body).RootElement;
        switch (protocol)
        {
            case Native:
                return (null, root.GetProperty("error").GetString()!);
            case OpenAI:
                var error = root.GetProperty("error");
                Assert.True(error.TryGetProperty("param", out _), body);
                return (error.GetProperty("type").GetString(), error.GetProperty("message").GetString()!);
            default:
                Assert.Equal("error", root.GetProperty("type").GetString());
                var inner = root.GetProperty("error");
                return (inner.GetProperty("type").GetString(), inner.GetProperty("message").GetString()!);
        }
    }

    private static string Lower(bool value) => value ? "true" : "false";
}
