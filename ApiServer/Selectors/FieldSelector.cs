using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Selectors;

/// <summary>A parsed fieldSelector query; only the fields kube-apiserver supports for the kind are accepted.</summary>
internal sealed class FieldSelector
{
    private static readonly string[] EventFields =
    [
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ];

    private static readonly string[] EventsV1Fields =
    [
        "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion",
        "regarding.resourceVersion", "regarding.fieldPath", "reason", "reportingController", "type",
    ];

    private readonly IReadOnlyList<(string Field, bool Equal, string Value)> terms;

    private FieldSelector(IReadOnlyList<(string, bool, string)> terms)
    {
        this.terms = terms;
    }

    public static FieldSelector Everything { get; } = new([]);

    public bool Matches(JsonObject obj) =>
        terms.All(t => string.Equals(Value(obj, t.Field), t.Value, StringComparison.Ordinal) == t.Equal);

    /// <summary>The name a metadata.name=x term pins, if any (kubectl wait and get use it).</summary>
    public string? PinnedName => terms.Where(t => t.Field == "metadata.name" && t.Equal).Select(t => t.Value).FirstOrDefault();

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var parsed = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var (field, equal, value) = Split(term);
            if (!Supported(type, field))
            {
                throw Errors.BadRequest($"field label not supported: {field}");
            }

            parsed.Add((field, equal, value));
        }

        return new(parsed);
    }

    private static (string Field, bool Equal, string Value) Split(string term)
    {
        foreach (var (op, equal) in new[] { ("!=", false), ("==", true), ("=", true) })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return (term[..at].Trim(), equal, term[(at + op.Length)..].Trim());
            }
        }

        throw Errors.BadRequest($"invalid selector: '{term}'; can't understand '{term}'");
    }

    private static bool Supported(ResourceType type, string field) =>
        field is "metadata.name" or "metadata.namespace"
        || (type.Key == "events" && EventFields.Contains(field))
        || (type.Key == "events.events.k8s.io" && EventsV1Fields.Contains(field))
        || (type.Key == "pods" && field is "spec.nodeName" or "spec.restartPolicy" or "spec.schedulerName" or "spec.serviceAccountName" or "status.phase" or "status.podIP" or "status.nominatedNodeName")
        || (type.Key == "secrets" && field == "type")
        || (type.Key == "namespaces" && field == "status.phase");

    private static string Value(JsonObject obj, string field) => field switch
    {
        "source" => Meta.PathValue(obj, "source.component"),
        _ => Meta.PathValue(obj, field),
    };
}
