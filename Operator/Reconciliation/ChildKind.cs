using System.Text.Json.Nodes;
using Junction.Runtime.Informers;
using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>
/// A kind of child object Junction writes, with what it takes to address, decode, read from a
/// cache and send it. The set is closed: the six instances below are the only ones.
/// </summary>
internal abstract record ChildKind(ResourceType Type)
{
    /// <summary>v1 ConfigMap.</summary>
    public static readonly ChildKind<V1ConfigMap> ConfigMap = new(
        (k, o, ns, ct) => k.CoreV1.CreateNamespacedConfigMapAsync(o, ns, cancellationToken: ct),
        (k, o, name, ns, ct) => k.CoreV1.ReplaceNamespacedConfigMapAsync(o, name, ns, cancellationToken: ct),
        (k, name, ns, ct) => k.CoreV1.ReadNamespacedConfigMapAsync(name, ns, cancellationToken: ct),
        (k, name, ns, options, ct) => k.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, options, cancellationToken: ct));

    /// <summary>v1 Service.</summary>
    public static readonly ChildKind<V1Service> Service = new(
        (k, o, ns, ct) => k.CoreV1.CreateNamespacedServiceAsync(o, ns, cancellationToken: ct),
        (k, o, name, ns, ct) => k.CoreV1.ReplaceNamespacedServiceAsync(o, name, ns, cancellationToken: ct),
        (k, name, ns, ct) => k.CoreV1.ReadNamespacedServiceAsync(name, ns, cancellationToken: ct),
        (k, name, ns, options, ct) => k.CoreV1.DeleteNamespacedServiceAsync(name, ns, options, cancellationToken: ct));

    /// <summary>v1 ServiceAccount, of gateways with agent delivery.</summary>
    public static readonly ChildKind<V1ServiceAccount> ServiceAccount = new(
        (k, o, ns, ct) => k.CoreV1.CreateNamespacedServiceAccountAsync(o, ns, cancellationToken: ct),
        (k, o, name, ns, ct) => k.CoreV1.ReplaceNamespacedServiceAccountAsync(o, name, ns, cancellationToken: ct),
        (k, name, ns, ct) => k.CoreV1.ReadNamespacedServiceAccountAsync(name, ns, cancellationToken: ct),
        (k, name, ns, options, ct) => k.CoreV1.DeleteNamespacedServiceAccountAsync(name, ns, options, cancellationToken: ct));

    /// <summary>apps/v1 Deployment.</summary>
    public static readonly ChildKind<V1Deployment> Deployment = new(
        (k, o, ns, ct) => k.AppsV1.CreateNamespacedDeploymentAsync(o, ns, cancellationToken: ct),
        (k, o, name, ns, ct) => k.AppsV1.ReplaceNamespacedDeploymentAsync(o, name, ns, cancellationToken: ct),
        (k, name, ns, ct) => k.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct),
        (k, name, ns, options, ct) => k.AppsV1.DeleteNamespacedDeploymentAsync(name, ns, options, cancellationToken: ct));

    /// <summary>networking.k8s.io/v1 Ingress.</summary>
    public static readonly ChildKind<V1Ingress> Ingress = new(
        (k, o, ns, ct) => k.NetworkingV1.CreateNamespacedIngressAsync(o, ns, cancellationToken: ct),
        (k, o, name, ns, ct) => k.NetworkingV1.ReplaceNamespacedIngressAsync(o, name, ns, cancellationToken: ct),
        (k, name, ns, ct) => k.NetworkingV1.ReadNamespacedIngressAsync(name, ns, cancellationToken: ct),
        (k, name, ns, options, ct) => k.NetworkingV1.DeleteNamespacedIngressAsync(name, ns, options, cancellationToken: ct));

    /// <summary>policy/v1 PodDisruptionBudget, of gateways with more than one replica.</summary>
    public static readonly ChildKind<V1PodDisruptionBudget> DisruptionBudget = new(
        (k, o, ns, ct) => k.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(o, ns, cancellationToken: ct),
        (k, o, name, ns, ct) => k.PolicyV1.ReplaceNamespacedPodDisruptionBudgetAsync(o, name, ns, cancellationToken: ct),
        (k, name, ns, ct) => k.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(name, ns, cancellationToken: ct),
        (k, name, ns, options, ct) => k.PolicyV1.DeleteNamespacedPodDisruptionBudgetAsync(name, ns, options, cancellationToken: ct));

    /// <summary>Every kind Junction writes; children are applied in the order translation lists them.</summary>
    public static readonly IReadOnlyList<ChildKind> All = [ConfigMap, Service, ServiceAccount, Deployment, DisruptionBudget, Ingress];

    /// <summary>The kind, such as <c>ConfigMap</c>.</summary>
    public string Kind => Type.Kind;

    /// <summary>The API group; empty for the core group.</summary>
    public string Group => Type.Group;

    /// <summary>The API version.</summary>
    public string Version => Type.Version;

    /// <summary>The plural resource name.</summary>
    public string Plural => Type.Plural;

    /// <summary>The apiVersion string.</summary>
    public string ApiVersion => Type.ApiVersion;

    /// <summary>The CLR type of this kind's objects.</summary>
    public abstract Type ClrType { get; }

    /// <summary>The kind of an object, by its CLR type.</summary>
    public static ChildKind Of(IKubernetesObject<V1ObjectMeta> obj) =>
        All.FirstOrDefault(k => k.ClrType == obj.GetType())
        ?? throw new ArgumentException($"Junction does not manage objects of type {obj.GetType().Name}", nameof(obj));

    /// <summary>The index key of a child name, <c>Kind/namespace/name</c>, as <see cref="ClaimedChildren"/> claims it.</summary>
    public string Key(string ns, string name) => $"{Kind}/{ns}/{name}";

    /// <summary>Decodes a JSON tree into this kind's CLR type.</summary>
    public abstract IKubernetesObject<V1ObjectMeta> FromNode(JsonNode node);

    /// <summary>Creates the object; returns what the server stored.</summary>
    public abstract Task<IKubernetesObject<V1ObjectMeta>> CreateAsync(IKubernetes client, IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct);

    /// <summary>Replaces the object; its resourceVersion makes a stale write fail with 409.</summary>
    public abstract Task<IKubernetesObject<V1ObjectMeta>> ReplaceAsync(IKubernetes client, IKubernetesObject<V1ObjectMeta> obj, CancellationToken ct);

    /// <summary>Reads the object from the server; throws on 404.</summary>
    public abstract Task<IKubernetesObject<V1ObjectMeta>> ReadAsync(IKubernetes client, string ns, string name, CancellationToken ct);

    /// <summary>Deletes the object.</summary>
    public abstract Task DeleteAsync(IKubernetes client, string ns, string name, V1DeleteOptions options, CancellationToken ct);
}
