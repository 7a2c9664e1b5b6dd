using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Junction.Api.V1Alpha1;
using k8s;
using k8s.Models;

namespace Junction.Reconciliation;

/// <summary>
/// The owned-field view of a child object: what Junction writes, how it recognises its own
/// writes on the server, and how an update is built without disturbing server-owned fields.
/// </summary>
internal static class OwnedFields
{
    /// <summary>
    /// Hash of the owned fields Junction last wrote. Comparing values alone cannot tell a field
    /// Junction stopped setting from one the server defaulted; the hash can.
    /// </summary>
    public const string AppliedHashAnnotation = "traffic.junction.dev/applied-hash";

    // Fields a Service gets from the API server that an update must carry over (clusterIP is immutable).
    private static readonly string[] AllocatedServiceFields = ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"];

    /// <summary>The desired child as it is written: controller owner reference and applied hash added.</summary>
    public static IKubernetesObject<V1ObjectMeta> Prepare(IKubernetesObject<V1ObjectMeta> desired, TrafficPolicy policy)
    {
        var node = ToNode(desired);
        var metadata = (JsonObject)node["metadata"]!;
        metadata["ownerReferences"] = new JsonArray(ToNode(Ownership.ControllerReference(policy)));
        var annotations = metadata["annotations"] as JsonObject ?? [];
        metadata["annotations"] = annotations;
        annotations.Remove(AppliedHashAnnotation);
        annotations[AppliedHashAnnotation] = OwnedHash(node);
        return ChildKind.Of(desired).FromNode(node);
    }

    /// <summary>
    /// True when the observed child already holds everything the prepared desired child sets:
    /// same applied hash, Junction's labels and annotations, and the body fields (spec, data).
    /// </summary>
    public static bool Matches(IKubernetesObject<V1ObjectMeta> prepared, IKubernetesObject<V1ObjectMeta> observed)
    {
        var desired = ToNode(prepared);
        var actual = ToNode(observed);
        return JsonSubset.Contains(actual["metadata"]?["labels"], desired["metadata"]?["labels"] ?? new JsonObject())
            && JsonSubset.Contains(actual["metadata"]?["annotations"], desired["metadata"]?["annotations"] ?? new JsonObject())
            && BodyFields(desired).All(f => JsonSubset.Contains(actual[f], desired[f]));
    }

    /// <summary>
    /// The object to send as an update: the observed object (so its resourceVersion guards the
    /// write) with Junction's labels, annotations, owner reference and body fields put back.
    /// </summary>
    public static IKubernetesObject<V1ObjectMeta> ForUpdate(IKubernetesObject<V1ObjectMeta> prepared, IKubernetesObject<V1ObjectMeta> observed)
    {
        var desired = ToNode(prepared);
        var result = ToNode(observed);
        var metadata = (JsonObject)result["metadata"]!;
        metadata["labels"] = MergeMaps(metadata["labels"], desired["metadata"]?["labels"]);
        metadata["annotations"] = MergeMaps(metadata["annotations"], desired["metadata"]?["annotations"]);
        metadata["ownerReferences"] = desired["metadata"]?["ownerReferences"]?.DeepClone();
        var allocated = CarriedServiceFields(ChildKind.Of(prepared).Kind, result["spec"] as JsonObject);
        foreach (var field in BodyFields(result).Concat(BodyFields(desired)).Distinct().ToList())
        {
            result[field] = desired[field]?.DeepClone();
        }

        RestoreServiceFields(result["spec"] as JsonObject, allocated);
        return ChildKind.Of(prepared).FromNode(result);
    }

    /// <summary>The object as a mutable JSON tree, serialised the way the client sends it.</summary>
    public static JsonObject ToNode(object obj) =>
        JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();

    // Everything outside apiVersion/kind/metadata/status is content Junction owns: spec, data, binaryData.
    private static IEnumerable<string> BodyFields(JsonObject node) =>
        node.Select(p => p.Key).Where(k => k is not ("apiVersion" or "kind" or "metadata" or "status"));

    private static string OwnedHash(JsonObject node)
    {
        var owned = new JsonObject
        {
            ["labels"] = node["metadata"]?["labels"]?.DeepClone(),
            ["annotations"] = node["metadata"]?["annotations"]?.DeepClone(),
        };
        foreach (var field in BodyFields(node))
        {
            owned[field] = node[field]?.DeepClone();
        }

        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(owned.ToJsonString()));
        return Convert.ToHexStringLower(bytes)[..16];
    }

    private static JsonObject MergeMaps(JsonNode? observed, JsonNode? desired)
    {
        var merged = observed?.DeepClone() as JsonObject ?? [];
        foreach (var (key, value) in desired as JsonObject ?? [])
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private static Dictionary<string, JsonNode?> CarriedServiceFields(string kind, JsonObject? observedSpec) =>
        kind != "Service" || observedSpec is null
            ? []
            : AllocatedServiceFields.Where(observedSpec.ContainsKey).ToDictionary(f => f, f => observedSpec[f]?.DeepClone());

    private static void RestoreServiceFields(JsonObject? spec, Dictionary<string, JsonNode?> carried)
    {
        foreach (var (field, value) in carried)
        {
            if (spec is not null && !spec.ContainsKey(field))
            {
                spec[field] = value;
            }
        }
    }
}
