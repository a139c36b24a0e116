using System.Security.Cryptography;

namespace Corral.Protocols.Anthropic;

/// <summary>Identifiers in Anthropic's style: <c>msg_…</c>, <c>toolu_…</c>, <c>req_…</c>.</summary>
public static class AnthropicIds
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string NewMessageId() => "msg_" + Random(24);

    public const string ToolUsePrefix = "toolu_";

    public static string NewToolUseId() => ToolUsePrefix + Random(24);

    public static string NewRequestId() => "req_" + Random(24);

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
