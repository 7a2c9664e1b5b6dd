using System.Text.Json.Nodes;
using Junction.ApiServer.Patching;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>The scale subresource of Deployments and ReplicaSets (autoscaling/v1 Scale), which kubectl scale uses.</summary>
internal sealed partial class ResourceService
{
    public static bool HasScale(ResourceType type) => type.Key is "deployments.apps" or "replicasets.apps";

    public JsonObject GetScale(ResourceType type, string ns, string name)
    {
        lock (store.Gate)
        {
            return Scale(store.Get(type.Key, ns, name) ?? throw Errors.NotFound(type, name));
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
                : Patcher.Patch(scaleType, Scale(existing), contentType, text);
            var replicas = scale["spec"]?["replicas"] ?? throw Errors.Invalid(scaleType, name, [FieldError.Required("spec.replicas")]);
            var body = existing.DeepClone().AsObject();
            ((JsonObject)body["spec"]!)["replicas"] = replicas.DeepClone();
            Meta.Of(body)["resourceVersion"] = Meta.ResourceVersion(scale).Length > 0 ? Meta.ResourceVersion(scale) : Meta.ResourceVersion(existing);
            var updated = updates.Run(type, existing, body, string.Empty, options, [], applied: false);
            return Scale(updated);
        }
    }

    private static JsonObject Scale(JsonObject deployment)
    {
        var meta = Meta.Of(deployment);
        var selector = deployment["spec"]?["selector"]?["matchLabels"] as JsonObject;
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
            ["spec"] = new JsonObject { ["replicas"] = deployment["spec"]?["replicas"]?.DeepClone() ?? 1 },
            ["status"] = new JsonObject
            {
                ["replicas"] = deployment["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = string.Join(",", selector?.Select(kv => $"{kv.Key}={kv.Value}") ?? []),
            },
        };
    }
}
