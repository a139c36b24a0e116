namespace Corral.Protocols;

/// <summary>
/// Splits a tool call's complete JSON arguments into the fragments a streamed tool call carries (OpenAI's
/// <c>function.arguments</c> pieces, Responses' <c>function_call_arguments.delta</c>, Anthropic's
/// <c>input_json_delta.partial_json</c>). Calls are parsed whole from the model's output, so the fragments are cut
/// here, at most <see cref="Size"/> characters each and never inside a surrogate pair, so that clients' streaming
/// accumulators see arguments arrive in pieces as they do from the vendors' own servers.
/// </summary>
public static class ArgumentFragments
{
    /// <summary>Longest fragment, in UTF-16 characters.</summary>
    public const int Size = 32;

    /// <summary>The fragments of <paramref name="arguments"/> in order; one empty fragment for empty arguments.</summary>
    public static IEnumerable<string> Split(string arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Length <= Size)
        {
            yield return arguments;
            yield break;
        }

        var start = 0;
        while (start < arguments.Length)
        {
            var length = Math.Min(Size, arguments.Length - start);
            if (start + length < arguments.Length && char.IsHighSurrogate(arguments[start + length - 1]))
            {
                length--;
            }

            yield return arguments.Substring(start, length);
            start += length;
        }
    }
}
