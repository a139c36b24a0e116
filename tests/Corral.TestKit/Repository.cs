namespace Corral.TestKit;

/// <summary>The checkout the tests run from: the folder holding Corral.slnx above the test binaries.</summary>
public static class Repository
{
    private static readonly Lazy<string?> RootOrNull = new(Find);

    /// <summary>The repository root; throws when the binaries are not inside a checkout.</summary>
    public static string Root => RootOrNull.Value
        ?? throw new DirectoryNotFoundException($"Could not find Corral.slnx above {AppContext.BaseDirectory}.");

    internal static string? TryRoot => RootOrNull.Value;

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Corral.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
