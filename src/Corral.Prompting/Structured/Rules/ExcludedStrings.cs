using System.Text;

namespace Corral.Prompting.Structured.Rules;

/// <summary>
/// GBNF for a JSON string that is none of the given strings (llama.cpp's <c>_not_strings</c>, built on a trie),
/// used for the keys of additional properties so they cannot repeat a declared property.
/// Keys are matched on their unescaped characters; uses the <c>char</c> and <c>space</c> rules.
/// </summary>
internal static class ExcludedStrings
{
    private sealed class TrieNode
    {
        public SortedDictionary<char, TrieNode> Children { get; } = [];

        public bool IsEnd { get; set; }
    }

    /// <summary>The rule body; <paramref name="excluded"/> must not be empty.</summary>
    public static string Body(IEnumerable<string> excluded)
    {
        var root = new TrieNode();
        foreach (var text in excluded)
        {
            var node = root;
            foreach (var c in text)
            {
                if (!node.Children.TryGetValue(c, out var child))
                {
                    child = new TrieNode();
                    node.Children[c] = child;
                }

                node = child;
            }

            node.IsEnd = true;
        }

        var sb = new StringBuilder("\"\\\"\" ");
        sb.Append('(');
        Visit(root, sb);
        sb.Append(')').Append(root.IsEnd ? "" : "?").Append(" \"\\\"\" space");
        return sb.ToString();
    }

    /// <summary>
    /// Emits alternatives for the strings that continue from <paramref name="node"/> but never end on an
    /// excluded string: follow an excluded character (then must continue differently), or take any other char.
    /// </summary>
    private static void Visit(TrieNode node, StringBuilder sb)
    {
        var rejects = new StringBuilder();
        var first = true;
        foreach (var (c, child) in node.Children)
        {
            rejects.Append(Gbnf.ClassChar(c));
            sb.Append(first ? "" : " | ").Append('[').Append(Gbnf.ClassChar(c)).Append(']');
            first = false;
            if (child.Children.Count > 0)
            {
                sb.Append(" (");
                Visit(child, sb);
                sb.Append(')').Append(child.IsEnd ? "" : "?");
            }
            else if (child.IsEnd)
            {
                sb.Append(" char+");
            }
        }

        sb.Append(first ? "" : " | ").Append("[^\"\\\\\\x7F\\x00-\\x1F").Append(rejects).Append("] char*");
    }
}
