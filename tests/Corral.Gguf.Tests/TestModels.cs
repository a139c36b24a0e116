namespace Corral.Gguf.Tests;

/// <summary>Locates the shared test models: CORRAL_TEST_MODELS, else ../shared/models beside the checkout.</summary>
internal static class TestModels
{
    public const string EnvironmentVariable = "CORRAL_TEST_MODELS";

    private static readonly Lazy<string> Root = new(Locate);

    public static string Directory => Root.Value;

    public static string PathOf(string relative) => System.IO.Path.Combine(Directory, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    private static string Locate()
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(env))
        {
            return System.IO.Directory.Exists(env)
                ? env
                : throw new InvalidOperationException($"{EnvironmentVariable} is set to '{env}', which does not exist.");
        }

        var searched = new List<string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            searched.Add(dir.FullName);
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Corral.slnx")))
            {
                string models = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "models"));
                return System.IO.Directory.Exists(models)
                    ? models
                    : throw new InvalidOperationException(
                        $"Test models not found: looked for '{models}' (../shared/models beside the directory holding Corral.slnx). " +
                        $"Set {EnvironmentVariable} to a directory with the shared GGUF models.");
            }
        }

        throw new InvalidOperationException(
            $"Test models not found: no Corral.slnx above '{AppContext.BaseDirectory}' (searched {string.Join(", ", searched)}). " +
            $"Set {EnvironmentVariable} to a directory with the shared GGUF models.");
    }
}
