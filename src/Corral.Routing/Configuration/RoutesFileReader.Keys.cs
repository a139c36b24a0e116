namespace Corral.Routing.Configuration;

/// <summary><c>api_key_env</c> / <c>api_key_file</c>. No message here ever holds a key: only the variable's name or
/// the file's path as the user wrote it.</summary>
internal sealed partial class RoutesFileReader
{
    /// <summary>A key file larger than this is not a key.</summary>
    public const int MaxKeyFileBytes = 64 * 1024;

    private Secret? ReadKey(Dictionary<string, YamlEntry> fields, string where, YamlScalar nameNode, Uri? baseUrl)
    {
        var env = Get(fields, "api_key_env");
        var file = Get(fields, "api_key_file");
        if (env is not null && file is not null)
        {
            Error(file, $"{where}: give api_key_env or api_key_file, not both");
            return null;
        }

        if (env is not null)
        {
            return Text(env, where + ".api_key_env") is { } variable ? KeyFromEnvironment(env, where, variable.Trim()) : null;
        }

        if (file is not null)
        {
            return Text(file, where + ".api_key_file") is { } path ? KeyFromFile(file, where, path) : null;
        }

        // A local OpenAI-compatible server (vLLM, llama.cpp, LM Studio) usually wants no key; anything else does.
        if (baseUrl is { IsLoopback: false })
        {
            Error(nameNode, $"{where} needs api_key_env or api_key_file (only a loopback base_url may go without a key)");
        }

        return null;
    }

    private Secret? KeyFromEnvironment(YamlNode at, string where, string variable)
    {
        var value = environment(variable)?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            Error(at, $"{where}.api_key_env: environment variable {variable} is not set");
            return null;
        }

        return Checked(at, $"{where}.api_key_env: the key in environment variable {variable}", value, "env:" + variable);
    }

    private Secret? KeyFromFile(YamlNode at, string where, string path)
    {
        var what = $"{where}.api_key_file: key file {path}";
        var full = Path.GetFullPath(Path.Combine(baseDirectory, path));
        string text;
        try
        {
            if (Directory.Exists(full))
            {
                Error(at, $"{what} is a directory");
                return null;
            }

            var info = new FileInfo(full);
            if (!info.Exists)
            {
                Error(at, $"{what} does not exist");
                return null;
            }

            if (info.Length > MaxKeyFileBytes)
            {
                Error(at, $"{what} is larger than 64 KiB");
                return null;
            }

            text = File.ReadAllText(full);
        }
        catch (UnauthorizedAccessException)
        {
            Error(at, $"{what} cannot be read (permission denied)");
            return null;
        }
        catch (IOException)
        {
            Error(at, $"{what} cannot be read");
            return null;
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            Error(at, $"{what} is empty");
            return null;
        }

        return Checked(at, $"{what}: the key", text, "file:" + path);
    }

    /// <summary>A key goes into an HTTP header: whitespace or control characters inside it would break (or inject) one.</summary>
    private Secret? Checked(YamlNode at, string what, string key, string source)
    {
        if (key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            Error(at, $"{what} contains whitespace or control characters");
            return null;
        }

        return new Secret(key, source);
    }
}
