using System.Text.Json.Nodes;
using Junction.ApiServer.Patching;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>
/// The scale subresource (autoscaling/v1 Scale), which kubectl scale uses: of Deployments and
/// ReplicaSets, and of custom resources whose CRD declares <c>subresources.scale</c>.
/// </summary>
internal sealed partial class ResourceService
{
    public static bool HasScale(ResourceType type) => PathsOf(type) is not null;

    private static ScalePaths? PathsOf(ResourceType type) =>
        type.Key is "deployments.apps" or "replicasets.apps" ? ScalePaths.Workload : type.Scale;

    public JsonObject GetScale(ResourceType type, string ns, string name)
    {
        lock (store.Gate)
        {
            return Scale(type, store.Get(type.Key, ns, name) ?? throw Errors.NotFound(type, name));
        }
    }

    /// <summary>Applies a PUT body or a patch to the Scale and writes its replicas into the Deployment's spec.</summary>
    public JsonObject UpdateScale(ResourceType type, string ns, string name, string? contentType, string text, WriteOptions options)
    {
        lock (store.Gate)
        {
            var existing = store.Get(type.Key, ns, name) ?? throw Errors.NotFound(type, name);
            var scaleType = type with { Group = "autoscaling", Version = "v1", Plural = "scale", Kind = "Scale", HasStatus = false };
            var scale = contentType is null
                ? JsonNode.Parse(text) as JsonObject ?? throw Errors.BadRequest("the Scale body is not an object")
                : Patcher.Patch(scaleType, Scale(type, existing), contentType, text);
            var replicas = scale["spec"]?["replicas"] ?? throw Errors.Invalid(scaleType, name, [FieldError.Required("spec.replicas")]);
            var body = existing.DeepClone().AsObject();
            ScalePaths.Write(body, PathsOf(type)!.SpecReplicas, replicas.DeepClone());
            Meta.Of(body)["resourceVersion"] = Meta.ResourceVersion(scale).Length > 0 ? Meta.ResourceVersion(scale) : Meta.ResourceVersion(existing);
            var updated = updates.Run(type, existing, body, string.Empty, options, [], applied: false);
            return Scale(type, updated);
        }
    }

    private static JsonObject Scale(ResourceType type, JsonObject obj)
    {
        var paths = PathsOf(type)!;
        var meta = Meta.Of(obj);
        // A workload prints its matchLabels; a custom resource the string at its labelSelectorPath.
        var selector = paths.LabelSelector is { } selectorPath
            ? ScalePaths.Read(obj, selectorPath)?.GetValue<string>() ?? string.Empty
            : string.Join(",", (obj["spec"]?["selector"]?["matchLabels"] as JsonObject)?.Select(kv => $"{kv.Key}={kv.Value}") ?? []);
        // kube-apiserver: a workload defaults to 1; a custom resource without the field cannot be scaled.
        var specReplicas = ScalePaths.Read(obj, paths.SpecReplicas)?.DeepClone()
            ?? (type.IsCustom ? throw Errors.Internal($"the spec replicas field \"{paths.SpecReplicas}\" does not exist") : JsonValue.Create(1));
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = meta["name"]?.DeepClone(),
                ["namespace"] = meta["namespace"]?.DeepClone(),
                ["uid"] = meta["uid"]?.DeepClone(),
                ["resourceVersion"] = meta["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = meta["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = specReplicas },
            ["status"] = new JsonObject
            {
                ["replicas"] = ScalePaths.Read(obj, paths.StatusReplicas)?.DeepClone() ?? 0,
                ["selector"] = selector,
            },
        };
    }
}
