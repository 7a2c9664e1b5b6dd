using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Junction.ApiServer.Patching;

/// <summary>
/// Checks a YAML text's nesting and alias expansion from the parser's event stream, before any tree
/// is built: the representation model and every converter after it recurse once per level and
/// expand each alias in full, so a small hostile body could otherwise overflow the stack or memory.
/// </summary>
internal static class YamlLimits
{
    /// <summary>The deepest nesting of mappings and sequences accepted, aliases expanded; the JSON reader's limit too.</summary>
    public const int MaxDepth = 64;

    /// <summary>How many nodes aliases may add to a document in all (a 394-byte "billion laughs" adds 387 million).</summary>
    public const long MaxAliasNodes = 100_000;

    /// <summary>The problem in kube-apiserver's YAML wording (without the "yaml: " prefix), or null when within the limits.</summary>
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
                        return $"exceeded max depth of {MaxDepth}";
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
                        return "document contains excessive aliasing";
                    }

                    if (open.Count + depth > MaxDepth)
                    {
                        return $"exceeded max depth of {MaxDepth}";
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
