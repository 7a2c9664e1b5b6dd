using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>Status writes on behalf of the controllers this server plays.</summary>
internal sealed partial class ResourceService
{
    /// <summary>Reads the object, lets <paramref name="mutate"/> change its status and writes it through /status.</summary>
    public JsonObject UpdateStatus(ResourceType type, string ns, string name, string manager, Action<JsonObject> mutate)
    {
        lock (store.Gate)
        {
            var existing = store.Get(type.Key, ns, name) ?? throw Errors.NotFound(type, name);
            var copy = existing.DeepClone().AsObject();
            mutate(copy);
            var subresource = type.HasStatus ? "status" : string.Empty;
            var updated = updates.Run(type, existing, copy, subresource, WriteOptions.Default with { FieldManager = manager }, [], applied: false);
            return View(type, updated);
        }
    }

    public ResourceType TypeOf(string apiVersion, string plural)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        return registry.Find(group, version, plural) ?? throw Errors.PageNotFound();
    }
}
