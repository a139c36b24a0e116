using System.Security.Cryptography;

namespace Corral.Protocols.OpenAI;

/// <summary>Response ids, timestamps and the fixed system fingerprint.</summary>
public static class OpenAIIds
{
    /// <summary>Written in every chat/completions response.</summary>
    public const string SystemFingerprint = "fp_corral";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary><c>chatcmpl-</c> plus 24 random characters.</summary>
    public static string ChatCompletion() => "chatcmpl-" + Random(24);

    /// <summary><c>cmpl-</c> plus 24 random characters.</summary>
    public static string Completion() => "cmpl-" + Random(24);

    /// <summary><c>call_</c> plus 24 random characters, for tool calls the model emitted without an id.</summary>
    public static string ToolCall() => "call_" + Random(24);

    /// <summary>Seconds since the Unix epoch.</summary>
    public static long UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);
}
