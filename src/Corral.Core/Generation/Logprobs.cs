using Corral.Api.Models;
using Corral.Inference;

namespace Corral.Core.Generation;

/// <summary>Maps engine log-probabilities to the native API's shape.</summary>
internal static class Logprobs
{
    public static Logprob[]? ToApi(IReadOnlyList<TokenLogprob>? items)
    {
        if (items is null || items.Count == 0)
        {
            return null;
        }

        var result = new Logprob[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            result[i] = new Logprob
            {
                Token = item.Token,
                Value = item.Logprob,
                Bytes = Bytes(item.Bytes),
                TopLogprobs = item.TopLogprobs is { Count: > 0 } top ? Top(top) : null,
            };
        }

        return result;
    }

    private static TopLogprobEntry[] Top(IReadOnlyList<TopLogprob> top)
    {
        var result = new TopLogprobEntry[top.Count];
        for (var i = 0; i < top.Count; i++)
        {
            result[i] = new TopLogprobEntry { Token = top[i].Token, Value = top[i].Logprob, Bytes = Bytes(top[i].Bytes) };
        }

        return result;
    }

    private static int[] Bytes(byte[] bytes)
    {
        var result = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            result[i] = bytes[i];
        }

        return result;
    }
}
