namespace Corral.Routing.Upstreams;

/// <summary>The media type of a native (bare base64) image, from its first bytes; upstreams need it spelled out.</summary>
internal static class ImageMediaTypes
{
    public static string Of(string base64) =>
        base64.StartsWith("iVBORw0KGgo", StringComparison.Ordinal) ? "image/png"
        : base64.StartsWith("/9j/", StringComparison.Ordinal) ? "image/jpeg"
        : base64.StartsWith("R0lGOD", StringComparison.Ordinal) ? "image/gif"
        : base64.StartsWith("UklGR", StringComparison.Ordinal) ? "image/webp"
        : "image/png";

    /// <summary>Native images may arrive as data URLs too: the payload and its media type.</summary>
    public static (string MediaType, string Data) Split(string image)
    {
        if (image.StartsWith("data:", StringComparison.Ordinal) && image.IndexOf(";base64,", StringComparison.Ordinal) is var comma and > 5)
        {
            return (image[5..comma], image[(comma + 8)..]);
        }

        return (Of(image), image);
    }
}
