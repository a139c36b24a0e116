using System.Text;

namespace Corral.Core.Registry;

/// <summary>A parsed <c>WWW-Authenticate: Bearer realm="…",service="…",scope="…"</c> challenge.</summary>
public sealed record BearerChallenge(Uri Realm, string? Service, string? Scope)
{
    /// <summary>Parses a header value; null when it is not a usable Bearer challenge.</summary>
    public static BearerChallenge? Parse(string? header)
    {
        if (header is null || !header.TrimStart().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var values = Parameters(header.TrimStart()["Bearer ".Length..]);
        if (!values.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http"))
        {
            return null;
        }

        return new BearerChallenge(uri, values.GetValueOrDefault("service"), values.GetValueOrDefault("scope"));
    }

    /// <summary>The token request URL: realm plus <c>service</c> and <c>scope</c> query parameters.</summary>
    public Uri TokenUri(string? fallbackScope)
    {
        var query = new StringBuilder(Realm.Query.TrimStart('?'));
        Append(query, "service", Service);
        Append(query, "scope", Scope ?? fallbackScope);
        return new UriBuilder(Realm) { Query = query.ToString() }.Uri;
    }

    private static void Append(StringBuilder query, string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        query.Append(query.Length > 0 ? "&" : "").Append(key).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static Dictionary<string, string> Parameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var key = text[i..eq].Trim();
            i = eq + 1;
            var value = new StringBuilder();
            if (i < text.Length && text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    value.Append(text[i] == '\\' && i + 1 < text.Length ? text[++i] : text[i]);
                }

                i++;
            }
            else
            {
                for (; i < text.Length && text[i] != ','; i++)
                {
                    value.Append(text[i]);
                }
            }

            result[key] = value.ToString().Trim();
        }

        return result;
    }
}
