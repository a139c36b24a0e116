using System.Collections.Immutable;

namespace Corral.Modelfile;

/// <summary>A parsed Modelfile: an ordered list of commands. Equality is element-wise over the commands.</summary>
public sealed record Modelfile
{
    /// <summary>Creates a Modelfile from commands, in order.</summary>
    public Modelfile(IEnumerable<ModelfileCommand> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        Commands = [.. commands];
        foreach (var command in Commands)
        {
            ArgumentNullException.ThrowIfNull(command, nameof(commands));
        }
    }

    /// <summary>The commands in source order.</summary>
    public ImmutableArray<ModelfileCommand> Commands { get; }

    /// <summary>The first FROM value (the base model), or null when there is none.</summary>
    public string? From => FirstValue(ModelfileInstruction.From);

    /// <summary>The effective TEMPLATE (the last one wins, as in Ollama), or null.</summary>
    public string? Template => LastValue(ModelfileInstruction.Template);

    /// <summary>The effective SYSTEM prompt (the last one wins), or null.</summary>
    public string? System => LastValue(ModelfileInstruction.System);

    /// <summary>All commands of one instruction, in order.</summary>
    public IEnumerable<ModelfileCommand> OfInstruction(ModelfileInstruction instruction) =>
        Commands.Where(c => c.Instruction == instruction);

    /// <summary>Parses Modelfile text; see <see cref="ModelfileParser.Parse(string, bool)"/>.</summary>
    public static Modelfile Parse(string text) => ModelfileParser.Parse(text);

    /// <inheritdoc />
    public bool Equals(Modelfile? other) =>
        other is not null && Commands.AsSpan().SequenceEqual(other.Commands.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var command in Commands)
        {
            hash.Add(command);
        }

        return hash.ToHashCode();
    }

    /// <summary>The Modelfile text, one instruction per line (see <see cref="ModelfileWriter.Write(Modelfile)"/>).</summary>
    public override string ToString() => ModelfileWriter.Write(this);

    private string? FirstValue(ModelfileInstruction instruction)
    {
        foreach (var command in Commands)
        {
            if (command.Instruction == instruction)
            {
                return command.Value;
            }
        }

        return null;
    }

    private string? LastValue(ModelfileInstruction instruction)
    {
        for (var i = Commands.Length - 1; i >= 0; i--)
        {
            if (Commands[i].Instruction == instruction)
            {
                return Commands[i].Value;
            }
        }

        return null;
    }
}
