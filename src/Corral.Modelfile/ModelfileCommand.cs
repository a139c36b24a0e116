namespace Corral.Modelfile;

/// <summary>
/// One instruction of a Modelfile. <see cref="Name"/> holds the parameter name for PARAMETER and the role for
/// MESSAGE and is null for every other instruction. <see cref="Line"/> is the source line (0 when built in code)
/// and is deliberately not part of equality.
/// </summary>
public sealed record ModelfileCommand
{
    /// <summary>Creates a command, validating the name/role against the instruction.</summary>
    /// <exception cref="ArgumentException">The name or role is missing or invalid for the instruction.</exception>
    public ModelfileCommand(ModelfileInstruction instruction, string? name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (instruction)
        {
            case ModelfileInstruction.Parameter:
                if (name is null || !ModelfileKeywords.IsValidParameterName(name))
                {
                    throw new ArgumentException($"invalid parameter name '{name}'", nameof(name));
                }

                break;
            case ModelfileInstruction.Message:
                if (name is null || !ModelfileKeywords.IsValidMessageRole(name))
                {
                    throw new ArgumentException(ModelfileKeywords.InvalidRoleMessage, nameof(name));
                }

                break;
            default:
                if (!Enum.IsDefined(instruction))
                {
                    throw new ArgumentOutOfRangeException(nameof(instruction));
                }

                if (name is not null)
                {
                    throw new ArgumentException($"{ModelfileKeywords.ToKeyword(instruction)} takes no name", nameof(name));
                }

                break;
        }

        Instruction = instruction;
        Name = name;
        Value = value;
    }

    /// <summary>The instruction.</summary>
    public ModelfileInstruction Instruction { get; }

    /// <summary>Parameter name (PARAMETER) or role (MESSAGE); null otherwise.</summary>
    public string? Name { get; }

    /// <summary>The unquoted argument text.</summary>
    public string Value { get; }

    /// <summary>1-based source line where the instruction started; 0 when not parsed. Ignored by equality.</summary>
    public int Line { get; init; }

    /// <summary>Creates a <c>FROM</c> command.</summary>
    public static ModelfileCommand From(string value) => new(ModelfileInstruction.From, null, value);

    /// <summary>Creates a <c>PARAMETER name value</c> command.</summary>
    public static ModelfileCommand Parameter(string name, string value) => new(ModelfileInstruction.Parameter, name, value);

    /// <summary>Creates a <c>MESSAGE role content</c> command.</summary>
    public static ModelfileCommand Message(string role, string content) => new(ModelfileInstruction.Message, role, content);

    /// <summary>Creates a command for an instruction that takes a single value (anything but PARAMETER/MESSAGE).</summary>
    public static ModelfileCommand Create(ModelfileInstruction instruction, string value) => new(instruction, null, value);

    /// <inheritdoc />
    public bool Equals(ModelfileCommand? other) =>
        other is not null &&
        Instruction == other.Instruction &&
        string.Equals(Name, other.Name, StringComparison.Ordinal) &&
        string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Instruction, Name is null ? 0 : StringComparer.Ordinal.GetHashCode(Name), StringComparer.Ordinal.GetHashCode(Value));

    /// <summary>The command formatted as one Modelfile instruction (see <see cref="ModelfileWriter"/>).</summary>
    public override string ToString() => ModelfileWriter.FormatCommand(this);
}
