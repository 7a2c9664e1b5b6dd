using k8s.Models;

namespace Junction.Mesh.Sidecar;

/// <summary>
/// Pods a Deployment, StatefulSet or Pod runs: their labels and service account. Used to learn
/// which service account serves a Service, for the identity check of outbound mTLS.
/// </summary>
/// <param name="Namespace">The pods' namespace.</param>
/// <param name="Labels">The pod (template) labels.</param>
/// <param name="ServiceAccount">The pods' service account ("default" when unset).</param>
internal sealed record ServingWorkload(string Namespace, IReadOnlyDictionary<string, string> Labels, string ServiceAccount)
{
    /// <summary>The pods of a Deployment, StatefulSet or Pod; null for any other object.</summary>
    public static ServingWorkload? From(object manifest) => manifest switch
    {
        V1Deployment d => Of(d.Metadata, d.Spec?.Template),
        V1StatefulSet s => Of(s.Metadata, s.Spec?.Template),
        V1Pod p => new ServingWorkload(p.Metadata?.NamespaceProperty ?? "default", CopyOf(p.Metadata?.Labels), Account(p.Spec?.ServiceAccountName)),
        _ => null,
    };

    private static ServingWorkload Of(V1ObjectMeta? meta, V1PodTemplateSpec? template) =>
        new(meta?.NamespaceProperty ?? "default", CopyOf(template?.Metadata?.Labels), Account(template?.Spec?.ServiceAccountName));

    private static Dictionary<string, string> CopyOf(IDictionary<string, string>? labels) =>
        labels is null ? new(StringComparer.Ordinal) : new(labels, StringComparer.Ordinal);

    private static string Account(string? name) => string.IsNullOrEmpty(name) ? "default" : name;
}
