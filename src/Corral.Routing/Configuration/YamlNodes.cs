namespace Corral.Routing.Configuration;

/// <summary>A node of the routes file with where it starts (1-based), so every problem can name <c>file:line:col</c>.
/// Built by <see cref="YamlTreeReader"/> from YamlDotNet's parser events rather than its RepresentationModel, which
/// stops at the first duplicate key: duplicates are kept here and reported with every other problem.</summary>
internal abstract record YamlNode(int Line, int Column);

/// <summary>A scalar. <see cref="Plain"/> is false for quoted and block scalars (<c>"null"</c> is a string).</summary>
internal sealed record YamlScalar(string Value, bool Plain, int Line, int Column) : YamlNode(Line, Column)
{
    /// <summary>YAML 1.2 core schema null: empty, <c>~</c> or <c>null</c>, unquoted.</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column);

/// <summary>A mapping in file order, duplicate keys included.</summary>
internal sealed record YamlMapping(IReadOnlyList<YamlEntry> Entries, int Line, int Column) : YamlNode(Line, Column);

/// <summary>One key and its value; a key that is not a scalar is reported and skipped by the reader.</summary>
internal sealed record YamlEntry(YamlScalar Key, YamlNode Value);
