namespace Corral.Routing.Configuration;

/// <summary>A routes file that cannot be used, with every problem found (not only the first). The message is one
/// <c>path:line:col: message</c> line per problem, path as the user gave it; it never holds a key.</summary>
public sealed class RoutesFileException : Exception
{
    public RoutesFileException(string displayPath, IReadOnlyList<RoutesFileError> errors)
        : base(FormatMessage(displayPath, errors))
    {
        DisplayPath = displayPath;
        Errors = errors;
    }

    /// <summary>The routes file's path as the user gave it.</summary>
    public string DisplayPath { get; }

    /// <summary>In file order.</summary>
    public IReadOnlyList<RoutesFileError> Errors { get; }

    private static string FormatMessage(string displayPath, IReadOnlyList<RoutesFileError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0
            ? $"{displayPath}: invalid routes file"
            : string.Join('\n', errors.Select(e => e.Format(displayPath)));
    }
}
