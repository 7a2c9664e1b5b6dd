using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>A kind of child object Junction writes, with what it takes to address and decode it.</summary>
internal sealed record ChildKind(string Kind, string Group, string Version, string Plural, Type ClrType, Func<string, IKubernetesObject<V1ObjectMeta>> Decode)
{
    /// <summary>networking.k8s.io/v1 Ingress.</summary>
    public static readonly ChildKind Ingress = Create<V1Ingress>("Ingress", "networking.k8s.io", "v1", "ingresses");

    /// <summary>v1 ConfigMap.</summary>
    public static readonly ChildKind ConfigMap = Create<V1ConfigMap>("ConfigMap", "", "v1", "configmaps");

    /// <summary>v1 Service.</summary>
    public static readonly ChildKind Service = Create<V1Service>("Service", "", "v1", "services");

    /// <summary>apps/v1 Deployment.</summary>
    public static readonly ChildKind Deployment = Create<V1Deployment>("Deployment", "apps", "v1", "deployments");

    /// <summary>Every kind Junction writes; children are applied in the order translation lists them.</summary>
    public static readonly IReadOnlyList<ChildKind> All = [ConfigMap, Service, Deployment, Ingress];

    /// <summary>The apiVersion string.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The kind of an object, by its CLR type.</summary>
    public static ChildKind Of(IKubernetesObject<V1ObjectMeta> obj) =>
        All.FirstOrDefault(k => k.ClrType == obj.GetType())
        ?? throw new ArgumentException($"Junction does not manage objects of type {obj.GetType().Name}", nameof(obj));

    /// <summary>Decodes a JSON tree into this kind's CLR type.</summary>
    public IKubernetesObject<V1ObjectMeta> FromNode(JsonNode node) => Decode(node.ToJsonString());

    private static ChildKind Create<T>(string kind, string group, string version, string plural)
        where T : IKubernetesObject<V1ObjectMeta> =>
        new(kind, group, version, plural, typeof(T), json => KubernetesJson.Deserialize<T>(json));
}
