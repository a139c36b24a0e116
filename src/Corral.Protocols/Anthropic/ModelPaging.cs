using System.Globalization;

namespace Corral.Protocols.Anthropic;

/// <summary>
/// Anthropic's list paging: <c>limit</c> (1 to 1000, default 20) items after <c>after_id</c>, or the page immediately
/// before <c>before_id</c>, or the first page. <c>has_more</c> says whether more lie in the direction asked for.
/// Bad values are a <see cref="ProtocolException"/> naming the parameter (a 400 <c>invalid_request_error</c>).
/// </summary>
public sealed record ModelPaging(int Limit, string? AfterId, string? BeforeId)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 1000;

    /// <summary>Reads the query parameters as sent (null when absent).</summary>
    public static ModelPaging Read(string? limit, string? afterId, string? beforeId)
    {
        var count = DefaultLimit;
        if (limit is not null)
        {
            if (!int.TryParse(limit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out count))
            {
                throw new ProtocolException($"limit: Input should be a valid integer, unable to parse string as an integer ('{limit}')", "limit");
            }

            if (count is < 1 or > MaxLimit)
            {
                throw new ProtocolException(
                    count < 1 ? "limit: Input should be greater than or equal to 1" : $"limit: Input should be less than or equal to {MaxLimit}", "limit");
            }
        }

        if (afterId is not null && beforeId is not null)
        {
            throw new ProtocolException("after_id and before_id cannot both be given: page in one direction", "before_id");
        }

        return new ModelPaging(count, Empty(afterId, "after_id"), Empty(beforeId, "before_id"));
    }

    /// <summary>The page of <paramref name="all"/> (in listing order) these parameters ask for.</summary>
    public ModelInfoList Page(IReadOnlyList<ModelInfo> all)
    {
        ModelInfo[] data;
        bool hasMore;
        if (BeforeId is { } before)
        {
            var end = IndexOf(all, before, "before_id");
            var start = Math.Max(0, end - Limit);
            data = [.. all.Skip(start).Take(end - start)];
            hasMore = start > 0;
        }
        else
        {
            var start = AfterId is { } after ? IndexOf(all, after, "after_id") + 1 : 0;
            data = [.. all.Skip(start).Take(Limit)];
            hasMore = start + data.Length < all.Count;
        }

        return new ModelInfoList { Data = data, HasMore = hasMore, FirstId = data.FirstOrDefault()?.Id, LastId = data.LastOrDefault()?.Id };
    }

    private static int IndexOf(IReadOnlyList<ModelInfo> all, string id, string param)
    {
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Id == id)
            {
                return i;
            }
        }

        throw new ProtocolException($"{param}: '{id}' is not the id of a listed model", param);
    }

    private static string? Empty(string? id, string param) =>
        id is { Length: 0 } ? throw new ProtocolException($"{param}: must not be empty", param) : id;
}
