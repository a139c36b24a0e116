using System.Security.Cryptography;

namespace Corral.Prompting.Output;

/// <summary>Tool call ids in Ollama's shape: <c>call_</c> and 8 random characters from <c>[a-z0-9]</c>.</summary>
public static class ToolCallIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new random id.</summary>
    public static string New() => "call_" + RandomNumberGenerator.GetString(Alphabet, 8);
}
