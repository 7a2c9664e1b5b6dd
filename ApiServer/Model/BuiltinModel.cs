using System.Collections.Frozen;
using static Junction.ApiServer.Model.FieldTable;

namespace Junction.ApiServer.Model;

/// <summary>
/// The built-in message types kubectl's generators send, with their JSON names and protobuf field
/// numbers (written from the Kubernetes v1.32 API's published generated.proto and Go types): what the
/// protobuf decoder reads, what fieldValidation checks JSON against, and what OpenAPI documents describe.
/// </summary>
internal static class BuiltinModel
{
    private static readonly FrozenDictionary<string, MessageModel> Messages = MetaMessages.All
        .Concat(CoreMessages.All)
        .Concat(PodMessages.All)
        .Concat(VolumeMessages.All)
        .Concat(WorkloadMessages.All)
        .Concat(AccessMessages.All)
        .ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The top-level kinds, each with the message its objects are.</summary>
    public static IReadOnlyList<KindModel> Kinds { get; } =
    [
        new("v1", "Namespace", Core + "Namespace"),
        new("v1", "ConfigMap", Core + "ConfigMap"),
        new("v1", "Secret", Core + "Secret"),
        new("v1", "ServiceAccount", Core + "ServiceAccount"),
        new("v1", "Service", Core + "Service"),
        new("v1", "ResourceQuota", Core + "ResourceQuota"),
        new("apps/v1", "Deployment", Apps + "Deployment"),
        new("batch/v1", "Job", Batch + "Job"),
        new("batch/v1", "CronJob", Batch + "CronJob"),
        new("rbac.authorization.k8s.io/v1", "Role", Rbac + "Role"),
        new("rbac.authorization.k8s.io/v1", "ClusterRole", Rbac + "ClusterRole"),
        new("rbac.authorization.k8s.io/v1", "RoleBinding", Rbac + "RoleBinding"),
        new("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", Rbac + "ClusterRoleBinding"),
        new("networking.k8s.io/v1", "Ingress", Networking + "Ingress"),
        new("policy/v1", "PodDisruptionBudget", Policy + "PodDisruptionBudget"),
        new("scheduling.k8s.io/v1", "PriorityClass", Scheduling + "PriorityClass"),
    ];

    private static readonly FrozenDictionary<(string, string), MessageModel> ByKind =
        Kinds.ToFrozenDictionary(k => (k.ApiVersion, k.Kind), k => Require(k.Message));

    /// <summary>Every message in the model.</summary>
    public static IEnumerable<MessageModel> All => Messages.Values;

    /// <summary>A message by its full name (io.k8s.api.core.v1.Container); null when it is not modelled.</summary>
    public static MessageModel? Find(string messageName) => Messages.GetValueOrDefault(messageName);

    /// <summary>The message a top-level kind's objects are; null for a kind outside the model.</summary>
    public static MessageModel? ForKind(string apiVersion, string kind) => ByKind.GetValueOrDefault((apiVersion, kind));

    /// <summary>A message the tables refer to; every reference resolves (a test checks).</summary>
    public static MessageModel Require(string messageName) =>
        Find(messageName) ?? throw new InvalidOperationException($"the built-in model has no message {messageName}");
}
