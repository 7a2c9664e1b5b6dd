using System.Text.Json.Nodes;

namespace Junction.ApiServer.Semantics;

/// <summary>
/// Where a resource keeps what its scale subresource shows: a CRD's
/// <c>subresources.scale</c> (<c>specReplicasPath</c>, <c>statusReplicasPath</c>, <c>labelSelectorPath</c>,
/// simple JSON paths such as <c>.spec.replicas</c>), or the Deployment and ReplicaSet fields.
/// </summary>
internal sealed record ScalePaths(string SpecReplicas, string StatusReplicas, string? LabelSelector)
{
    /// <summary>Deployments and ReplicaSets: their selector is printed from spec.selector.matchLabels.</summary>
    public static ScalePaths Workload { get; } = new(".spec.replicas", ".status.replicas", null);

    /// <summary>A CRD version's <c>subresources.scale</c>, or null when it declares none.</summary>
    public static ScalePaths? From(JsonObject? scale) =>
        scale?["specReplicasPath"]?.GetValue<string>() is { Length: > 0 } spec && scale["statusReplicasPath"]?.GetValue<string>() is { Length: > 0 } status
            ? new ScalePaths(spec, status, scale["labelSelectorPath"]?.GetValue<string>() is { Length: > 0 } selector ? selector : null)
            : null;

    /// <summary>The value at a simple JSON path (<c>.a.b</c>), or null.</summary>
    public static JsonNode? Read(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in Parts(path))
        {
            node = (node as JsonObject)?[part];
        }

        return node;
    }

    /// <summary>Sets the value at a simple JSON path, making the objects on the way.</summary>
    public static void Write(JsonObject obj, string path, JsonNode? value)
    {
        var parts = Parts(path);
        var node = obj;
        foreach (var part in parts[..^1])
        {
            if (node[part] is not JsonObject next)
            {
                next = new JsonObject();
                node[part] = next;
            }

            node = next;
        }

        node[parts[^1]] = value;
    }

    private static string[] Parts(string path) => path.TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
}
