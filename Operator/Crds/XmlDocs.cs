using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Junction.Crds;

/// <summary>The summaries of the compiler's XML documentation file (junction.xml), which become the CRD's descriptions.</summary>
internal sealed partial class XmlDocs
{
    private readonly Dictionary<string, string> summaries;

    private XmlDocs(Dictionary<string, string> summaries) => this.summaries = summaries;

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    /// <summary>Loads the documentation file that the build writes next to the assembly.</summary>
    public static XmlDocs ForAssembly(System.Reflection.Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        if (string.IsNullOrEmpty(assembly.Location) || !File.Exists(path))
        {
            // Without it every description would silently vanish from the CRD.
            throw new InvalidOperationException($"the XML documentation file {path} is missing; build the Operator project with GenerateDocumentationFile");
        }

        return Parse(XDocument.Load(path));
    }

    public static XmlDocs Parse(XDocument document) => new(
        document.Descendants("member")
            .Where(m => m.Element("summary") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => Text(m.Element("summary")!), StringComparer.Ordinal));

    /// <summary>The summary of a type (T:) or property (P:), or null.</summary>
    public string? Summary(string memberId) => summaries.GetValueOrDefault(memberId);

    private static string Text(XElement summary)
    {
        var parts = summary.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement { Name.LocalName: "see" or "seealso" } e => Reference(e),
            XElement e => e.Value,
            _ => "",
        });
        return Whitespace().Replace(string.Concat(parts), " ").Trim();
    }

    private static string Reference(XElement see)
    {
        var target = (string?)see.Attribute("cref") ?? (string?)see.Attribute("langword") ?? see.Value;
        var name = target.Contains(':', StringComparison.Ordinal) ? target[(target.IndexOf(':', StringComparison.Ordinal) + 1)..] : target;
        return name[(name.LastIndexOf('.') + 1)..];
    }
}
