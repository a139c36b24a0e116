using System.Security.Cryptography;
using System.Text;

namespace Corral.Core.Registry;

/// <summary>
/// Ollama's key-signed token request (registry.ollama.ai): the realm URL gets <c>service</c>, <c>scope</c>, <c>ts</c>
/// (Unix seconds) and <c>nonce</c> (16 random bytes, base64url), with the query sorted and escaped as Go's
/// <c>url.Values.Encode</c> does; the header <c>Authorization: &lt;base64 public key&gt;:&lt;base64 signature&gt;</c>
/// signs <c>GET,&lt;that URL&gt;,&lt;base64 of the hex sha256 of the empty body&gt;</c>.
/// </summary>
public static class SignedTokenRequest
{
    /// <summary>The URL to request and the bytes to sign.</summary>
    public static (Uri Uri, byte[] SignedData) Build(BearerChallenge challenge, string? fallbackScope, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var values = new List<(string Key, string Value)>();
        foreach (var pair in challenge.Realm.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            values.Add(eq < 0 ? (Unescape(pair), "") : (Unescape(pair[..eq]), Unescape(pair[(eq + 1)..])));
        }

        values.Add(("service", challenge.Service ?? ""));
        foreach (var scope in (challenge.Scope ?? fallbackScope ?? "").Split(' '))
        {
            values.Add(("scope", scope));
        }

        values.Add(("ts", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        values.Add(("nonce", Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_')));
        var query = string.Join('&', values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{QueryEscape(v.Key)}={QueryEscape(v.Value)}"));
        var url = $"{challenge.Realm.GetLeftPart(UriPartial.Path)}?{query}";
        return (new Uri(url), SignedData("GET", url, []));
    }

    /// <summary><c>METHOD,URL,base64(hex(sha256(body)))</c>.</summary>
    public static byte[] SignedData(string method, string url, ReadOnlySpan<byte> body) =>
        Encoding.UTF8.GetBytes($"{method},{url},{Convert.ToBase64String(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(body))))}");

    /// <summary>Go's <c>url.QueryEscape</c>: unreserved characters stay, space becomes <c>+</c>, the rest %XX.</summary>
    public static string QueryEscape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else if (c == ' ')
            {
                text.Append('+');
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static string Unescape(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
