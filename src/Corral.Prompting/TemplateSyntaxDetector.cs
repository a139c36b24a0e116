using System.Text.RegularExpressions;

namespace Corral.Prompting;

/// <summary>
/// Tells an Ollama Go template from a Jinja chat template by its text. Jinja: statements <c>{% %}</c>, comments
/// <c>{# #}</c>, expressions that start with a bare name (<c>{{ bos_token }}</c>, <c>{{ message['content'] }}</c>).
/// Go: actions that start with a field or variable (<c>{{ .Prompt }}</c>, <c>{{ $.Tools }}</c>) or a Go keyword
/// (<c>{{- range .Messages }}</c>, <c>{{ end }}</c>, <c>{{ if .System }}</c>), and <c>$x :=</c> declarations.
/// Each action votes; the larger vote wins, and text with no votes either way is taken as Go (Ollama's default).
/// </summary>
public static partial class TemplateSyntaxDetector
{
    private static readonly HashSet<string> GoWords = new(StringComparer.Ordinal)
    {
        "if", "range", "with", "end", "else", "define", "template", "block", "break", "continue", "and", "or", "not",
        "len", "index", "slice", "print", "printf", "println", "html", "js", "urlquery", "eq", "ne", "lt", "le", "gt",
        "ge", "call", "nil", "json", "currentDate", "yesterdayDate", "toTypeScriptType",
    };

    /// <summary>The syntax <paramref name="source"/> is written in.</summary>
    public static TemplateSyntax Detect(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var jinja = JinjaBlock().Count(source);
        var go = GoDeclaration().Count(source);
        foreach (Match m in Expression().Matches(source))
        {
            switch (Vote(m.Groups[1].Value, m.Value))
            {
                case TemplateSyntax.Go:
                    go++;
                    break;
                case TemplateSyntax.Jinja:
                    jinja++;
                    break;
            }
        }

        return jinja > go ? TemplateSyntax.Jinja : TemplateSyntax.Go;
    }

    private static TemplateSyntax? Vote(string head, string expression)
    {
        if (head.Length == 0)
        {
            // Starts with a literal or a parenthesis: Python-only syntax inside (indexing, lower-case attributes,
            // loop.*) says Jinja; a field or variable says Go.
            return JinjaOnly().IsMatch(expression) ? TemplateSyntax.Jinja
                : GoOnly().IsMatch(expression) ? TemplateSyntax.Go
                : null;
        }

        return head[0] is '.' or '$' || GoWords.Contains(head) || GoCall().IsMatch(expression)
            ? TemplateSyntax.Go
            : TemplateSyntax.Jinja;
    }

    /// <summary><c>{%</c> statements and <c>{#</c> comments: Jinja only.</summary>
    [GeneratedRegex(@"\{[%#]")]
    private static partial Regex JinjaBlock();

    /// <summary>Go variable declarations and root access: <c>$x :=</c>, <c>$.Field</c>.</summary>
    [GeneratedRegex(@"\$[A-Za-z_]\w*\s*:?=|\$\.[A-Z]")]
    private static partial Regex GoDeclaration();

    /// <summary>An output expression or action (up to its first <c>}</c>) and its first token: a name,
    /// <c>.Field</c>, <c>$var</c>, or nothing for a literal or parenthesis.</summary>
    [GeneratedRegex(@"\{\{[-+]?\s*(\.[A-Za-z_]?|\$|[A-Za-z_]\w*|)[^}]*")]
    private static partial Regex Expression();

    /// <summary>Python expression syntax Go templates lack: subscripts, lower-case attribute access, loop.*.</summary>
    [GeneratedRegex(@"\w\[|\]\.|\bloop\.|[A-Za-z_]\w*\.[a-z_]\w*")]
    private static partial Regex JinjaOnly();

    /// <summary>Go field or variable references: <c> .Field</c>, <c>$</c>.</summary>
    [GeneratedRegex(@"(^|[\s(])\.[A-Z]|\$")]
    private static partial Regex GoOnly();

    /// <summary>A Go-style call with a field argument, e.g. <c>{{ json .Arguments }}</c>.</summary>
    [GeneratedRegex(@"^\{\{[-+]?\s*[A-Za-z_]\w*\s+[\.\$]")]
    private static partial Regex GoCall();
}
