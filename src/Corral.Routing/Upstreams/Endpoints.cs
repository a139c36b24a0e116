using System.Net.Http.Headers;

namespace Corral.Routing.Upstreams;

internal static class Endpoints
{
    /// <summary><paramref name="baseUrl"/> + <paramref name="path"/>, keeping any path the base has
    /// (<c>https://host/v1</c> + <c>chat/completions</c> = <c>https://host/v1/chat/completions</c>).</summary>
    public static Uri Combine(Uri baseUrl, string path) => new(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + path);

    public static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
