using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Corral.Routing.Configuration;

/// <summary>Reads one YAML document into <see cref="YamlNode"/>s. Aliases resolve to their anchored node.</summary>
internal static class YamlTreeReader
{
    /// <summary>The document's root, or null for an empty file.</summary>
    /// <exception cref="RoutesFileException">The text is not YAML, holds more than one document, or uses a complex key.</exception>
    public static YamlNode? Read(string yaml, string displayPath)
    {
        try
        {
            var parser = new Parser(new StringReader(yaml));
            var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, anchors, displayPath);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                throw Single(displayPath, second.Start, "the routes file must hold a single YAML document");
            }

            parser.Consume<StreamEnd>();
            return root is YamlScalar { IsNull: true } ? null : root;
        }
        catch (YamlException e)
        {
            throw Single(displayPath, e.Start, "invalid YAML: " + Describe(e));
        }
    }

    private static YamlNode ReadNode(IParser parser, Dictionary<string, YamlNode> anchors, string displayPath)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return anchors.TryGetValue(alias.Value.Value, out var target)
                ? target
                : throw Single(displayPath, alias.Start, $"unknown alias *{alias.Value.Value}");
        }

        YamlNode node;
        NodeEvent start;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            start = scalar;
            node = new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, Line(scalar.Start), Column(scalar.Start));
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            start = sequenceStart;
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, anchors, displayPath));
            }

            node = new YamlSequence(items, Line(sequenceStart.Start), Column(sequenceStart.Start));
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            start = mappingStart;
            var entries = new List<YamlEntry>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyStart = parser.Current?.Start ?? mappingStart.Start;
                if (ReadNode(parser, anchors, displayPath) is not YamlScalar key)
                {
                    throw Single(displayPath, keyStart, "a key must be a plain string, not a list or a map");
                }

                entries.Add(new YamlEntry(key, ReadNode(parser, anchors, displayPath)));
            }

            node = new YamlMapping(entries, Line(mappingStart.Start), Column(mappingStart.Start));
        }

        if (!start.Anchor.IsEmpty)
        {
            anchors[start.Anchor.Value] = node;
        }

        return node;
    }

    private static RoutesFileException Single(string displayPath, Mark at, string message) =>
        new(displayPath, [new RoutesFileError(Line(at), Column(at), message)]);

    /// <summary>YamlDotNet prefixes its message with both marks; the position is already in the error.</summary>
    private static string Describe(YamlException e)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }

    private static int Line(Mark mark) => (int)Math.Max(1, mark.Line);

    private static int Column(Mark mark) => (int)Math.Max(1, mark.Column);
}
