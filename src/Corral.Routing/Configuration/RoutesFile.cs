namespace Corral.Routing.Configuration;

/// <summary>Reads and validates a routes file (YAML). Every problem is collected and reported together as
/// <c>path:line:col: message</c>, the path as the user gave it; no message ever holds a key.</summary>
public static class RoutesFile
{
    /// <summary>Reads the file at <paramref name="path"/>; relative paths inside it (key files, log files) are relative
    /// to its directory. <paramref name="environment"/> looks up <c>api_key_env</c> variables.</summary>
    /// <exception cref="RoutesFileException">The file is missing, unreadable or invalid.</exception>
    public static RouterConfig Load(string path, Func<string, string?> environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw WholeFile(path, "routes file not found");
        }
        catch (UnauthorizedAccessException)
        {
            throw WholeFile(path, "routes file cannot be read (permission denied)");
        }
        catch (IOException)
        {
            throw WholeFile(path, "routes file cannot be read");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        return Parse(yaml, path, directory, environment);
    }

    /// <summary>Parses routes-file text; <paramref name="displayPath"/> names it in messages and
    /// <paramref name="baseDirectory"/> anchors its relative paths.</summary>
    /// <exception cref="RoutesFileException">The text is invalid.</exception>
    public static RouterConfig Parse(string yaml, string displayPath, string baseDirectory, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        ArgumentNullException.ThrowIfNull(environment);
        var root = YamlTreeReader.Read(yaml, displayPath);
        var reader = new RoutesFileReader(baseDirectory, environment);
        var config = reader.Read(root);
        return reader.Errors is { Count: > 0 } errors ? throw new RoutesFileException(displayPath, errors) : config;
    }

    private static RoutesFileException WholeFile(string path, string message) => new(path, [new RoutesFileError(0, 0, message)]);
}
