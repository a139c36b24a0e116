namespace Corral.Cli.Interactive;

/// <summary>A parsed slash command: the command word (<c>/set</c>) and its whitespace-separated arguments.</summary>
public sealed record SlashCommand(string Name, IReadOnlyList<string> Args)
{
    /// <summary>The argument at <paramref name="index"/>, or null.</summary>
    public string? Arg(int index) => index < Args.Count ? Args[index] : null;

    /// <summary>Arguments from <paramref name="index"/> on, joined with single spaces (as Ollama does).</summary>
    public string Rest(int index) => string.Join(' ', Args.Skip(index));
}

/// <summary>Parses REPL slash commands and knows their canonical names.</summary>
public static class SlashCommands
{
    /// <summary>Splits a <c>/command arg...</c> line. Aliases are normalised: <c>/help</c> → <c>/?</c>, <c>/exit</c> → <c>/bye</c>.</summary>
    public static SlashCommand Parse(string line)
    {
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return new SlashCommand("", []);
        }

        var name = parts[0] switch
        {
            "/help" => "/?",
            "/exit" => "/bye",
            var n => n,
        };
        return new SlashCommand(name, parts[1..]);
    }

    /// <summary>The "unknown command" line, worded like Ollama.</summary>
    public static string Unknown(string command) => $"Unknown command '{command}'. Type /? for help";
}
