namespace Corral.Routing.Configuration;

/// <summary>One problem in a routes file, 1-based; <see cref="Line"/> 0 means the file as a whole (not found, unreadable).
/// The message never holds a key, a header value or an absolute path the user did not write.</summary>
public sealed record RoutesFileError(int Line, int Column, string Message)
{
    /// <summary><c>path:line:col: message</c> (or <c>path: message</c> for the whole file).</summary>
    public string Format(string displayPath) =>
        Line > 0 ? $"{displayPath}:{Line}:{Column}: {Message}" : $"{displayPath}: {Message}";
}
