namespace Corral.Modelfile;

/// <summary>Maps instruction keywords to <see cref="ModelfileInstruction"/> values and back.</summary>
public static class ModelfileKeywords
{
    /// <summary>The error Ollama reports for an unknown instruction keyword.</summary>
    internal const string InvalidCommandMessage =
        "command must be one of \"from\", \"license\", \"template\", \"system\", \"adapter\", \"draft\", \"renderer\", \"parser\", \"parameter\", \"message\", or \"requires\"";

    /// <summary>The error Ollama reports for a MESSAGE role other than system/user/assistant.</summary>
    internal const string InvalidRoleMessage =
        "message role must be one of \"system\", \"user\", or \"assistant\"";

    /// <summary>Resolves a keyword (case-insensitive, ASCII letters only) to an instruction.</summary>
    public static bool TryParse(ReadOnlySpan<char> keyword, out ModelfileInstruction instruction)
    {
        Span<char> lower = stackalloc char[16];
        instruction = default;
        if (keyword.Length is 0 or > 16)
        {
            return false;
        }

        for (var i = 0; i < keyword.Length; i++)
        {
            var c = keyword[i];
            if (c is >= 'A' and <= 'Z')
            {
                c = (char)(c + 32);
            }

            lower[i] = c;
        }

        switch (lower[..keyword.Length])
        {
            case "from": instruction = ModelfileInstruction.From; return true;
            case "parameter": instruction = ModelfileInstruction.Parameter; return true;
            case "template": instruction = ModelfileInstruction.Template; return true;
            case "system": instruction = ModelfileInstruction.System; return true;
            case "adapter": instruction = ModelfileInstruction.Adapter; return true;
            case "license": instruction = ModelfileInstruction.License; return true;
            case "message": instruction = ModelfileInstruction.Message; return true;
            case "requires": instruction = ModelfileInstruction.Requires; return true;
            case "renderer": instruction = ModelfileInstruction.Renderer; return true;
            case "parser": instruction = ModelfileInstruction.Parser; return true;
            case "draft": instruction = ModelfileInstruction.Draft; return true;
            default: return false;
        }
    }

    /// <summary>The canonical upper-case keyword for an instruction (e.g. <c>FROM</c>).</summary>
    public static string ToKeyword(ModelfileInstruction instruction) => instruction switch
    {
        ModelfileInstruction.From => "FROM",
        ModelfileInstruction.Parameter => "PARAMETER",
        ModelfileInstruction.Template => "TEMPLATE",
        ModelfileInstruction.System => "SYSTEM",
        ModelfileInstruction.Adapter => "ADAPTER",
        ModelfileInstruction.License => "LICENSE",
        ModelfileInstruction.Message => "MESSAGE",
        ModelfileInstruction.Requires => "REQUIRES",
        ModelfileInstruction.Renderer => "RENDERER",
        ModelfileInstruction.Parser => "PARSER",
        ModelfileInstruction.Draft => "DRAFT",
        _ => throw new ArgumentOutOfRangeException(nameof(instruction), instruction, "unknown instruction"),
    };

    /// <summary>True for the three MESSAGE roles Ollama accepts (case-sensitive, lower-case).</summary>
    public static bool IsValidMessageRole(ReadOnlySpan<char> role) =>
        role is "system" or "user" or "assistant";

    /// <summary>True when <paramref name="name"/> is a syntactically valid PARAMETER name (<c>[A-Za-z0-9_]+</c>).</summary>
    public static bool IsValidParameterName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!IsParameterNameChar(c))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsParameterNameChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';

    internal static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');
}
