using System.Text.Json.Nodes;
using Junction.ApiServer.Semantics;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Simulation;

/// <summary>
/// What the simulated controllers read and write, through the same pipeline as any client (so admission
/// webhooks see the pods a ReplicaSet creates), under one field manager each.
/// </summary>
internal sealed class ControllerClient(ResourceService service, Clock clock)
{
    public ResourceType Deployments { get; } = service.TypeOf("apps/v1", "deployments");

    public ResourceType ReplicaSets { get; } = service.TypeOf("apps/v1", "replicasets");

    public ResourceType Pods { get; } = service.TypeOf("v1", "pods");

    public ResourceType Jobs { get; } = service.TypeOf("batch/v1", "jobs");

    public Clock Clock => clock;

    public string Now => clock.Now();

    /// <summary>A snapshot of every object of a kind; stored objects are never mutated, so it can be read outside the lock.</summary>
    public IReadOnlyList<JsonObject> List(ResourceType type)
    {
        lock (service.Store.Gate)
        {
            return service.Store.List(type.Key, null).ToList();
        }
    }

    public JsonObject Create(ResourceType type, string ns, JsonObject body, string manager) =>
        service.Create(type, ns, body, WriteOptions.Default with { FieldManager = manager }).Object;

    public void Patch(ResourceType type, JsonObject obj, JsonObject mergePatch, string manager) =>
        service.Patch(type, Meta.Namespace(obj), Meta.Name(obj), "application/merge-patch+json", mergePatch.ToJsonString(), string.Empty, WriteOptions.Default with { FieldManager = manager });

    public void UpdateStatus(ResourceType type, JsonObject obj, string manager, Action<JsonObject> mutate) =>
        service.UpdateStatus(type, Meta.Namespace(obj), Meta.Name(obj), manager, mutate);

    public void Delete(ResourceType type, JsonObject obj) =>
        service.Delete(type, Meta.Namespace(obj), Meta.Name(obj), DeleteOptions.Default with { PreconditionUid = Meta.Uid(obj) });

    /// <summary>The objects whose controller owner reference points at <paramref name="owner"/>.</summary>
    public static IEnumerable<JsonObject> OwnedBy(JsonObject owner, IEnumerable<JsonObject> candidates) =>
        candidates.Where(c => Meta.Namespace(c) == Meta.Namespace(owner) && ControllerUid(c) == Meta.Uid(owner));

    public static string ControllerUid(JsonObject obj) =>
        Meta.OwnerReferences(obj).FirstOrDefault(r => r["controller"]?.GetValue<bool>() == true)?["uid"]?.GetValue<string>() ?? string.Empty;

    public static string ControllerKind(JsonObject obj) =>
        Meta.OwnerReferences(obj).FirstOrDefault(r => r["controller"]?.GetValue<bool>() == true)?["kind"]?.GetValue<string>() ?? string.Empty;

    public static JsonArray OwnerReference(string apiVersion, string kind, JsonObject owner) => new(new JsonObject
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = Meta.Name(owner),
        ["uid"] = Meta.Uid(owner),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    });

    public static long Long(JsonNode? node, long fallback = 0) =>
        node is JsonValue v && v.TryDouble(out var d) ? (long)d : fallback;

    public static JsonObject Obj(JsonObject parent, string field)
    {
        if (parent[field] is JsonObject o)
        {
            return o;
        }

        var created = new JsonObject();
        parent[field] = created;
        return created;
    }
}
