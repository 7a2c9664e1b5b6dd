using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Junction.Manifests;

/// <summary>
/// The input limits of manifests, as the embedded API server has them for request bodies. Checks a YAML text's nesting and alias expansion from the parser's event stream, before any tree
/// is built: the representation model and every converter after it recurse once per level and
/// expand each alias in full, so a small hostile body could otherwise overflow the stack or memory.
/// </summary>
internal static class YamlLimits
{
    /// <summary>The deepest nesting of mappings and sequences accepted, aliases expanded (the embedded API server's too).</summary>
    public const int MaxDepth = 64;

    /// <summary>How many nodes aliases may add to a document in all (a 394-byte "billion laughs" adds 387 million).</summary>
    public const long MaxAliasNodes = 100_000;

    /// <summary>The largest input read, in characters: far above any manifest, far below what would exhaust memory.</summary>
    public const int MaxChars = 16 * 1024 * 1024;

    /// <summary>The problem, starting with its position, or null when within the limits.</summary>
    /// <exception cref="YamlException">The text is not well-formed YAML.</exception>
    public static string? Problem(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (long Nodes, int Depth)>(StringComparer.Ordinal);
        var open = new Stack<Frame>();
        long aliasNodes = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    anchors.Clear();
                    aliasNodes = 0;
                    break;
                case MappingStart or SequenceStart:
                    var start = (NodeEvent)parser.Current;
                    if (open.Count + 1 > MaxDepth)
                    {
                        return $"{YamlToJson.Position(start.Start)}: nested deeper than {MaxDepth} levels";
                    }

                    open.Push(new Frame(start.Anchor.IsEmpty ? null : start.Anchor.Value));
                    break;
                case MappingEnd or SequenceEnd:
                    var done = open.Pop();
                    Close(done.Anchor, done.Nodes, done.Depth + 1);
                    break;
                case Scalar scalar:
                    Close(scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value, 1, 0);
                    break;
                case AnchorAlias alias:
                    // An unknown anchor is the loader's error to report; it adds nothing here.
                    var (nodes, depth) = anchors.GetValueOrDefault(alias.Value.Value);
                    aliasNodes += nodes;
                    if (aliasNodes > MaxAliasNodes)
                    {
                        return $"{YamlToJson.Position(alias.Start)}: too large once aliases are expanded (more than {MaxAliasNodes} nodes added by aliases)";
                    }

                    if (open.Count + depth > MaxDepth)
                    {
                        return $"{YamlToJson.Position(alias.Start)}: the alias nests deeper than {MaxDepth} levels";
                    }

                    Add(nodes, depth);
                    break;
                default:
                    break;
            }
        }

        return null;

        void Close(string? anchor, long nodes, int depth)
        {
            if (anchor is not null)
            {
                anchors[anchor] = (nodes, depth);
            }

            Add(nodes, depth);
        }

        void Add(long nodes, int depth)
        {
            if (open.TryPeek(out var parent))
            {
                parent.Nodes += nodes;
                parent.Depth = Math.Max(parent.Depth, depth);
            }
        }
    }

    private sealed class Frame(string? anchor)
    {
        public string? Anchor { get; } = anchor;

        public long Nodes { get; set; } = 1;

        /// <summary>How many levels the children reach below this collection.</summary>
        public int Depth { get; set; }
    }
}
