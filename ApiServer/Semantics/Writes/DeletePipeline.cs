using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>
/// A delete: check preconditions, apply the propagation policy, then either mark the object as being
/// deleted (it has finalizers, or is a Namespace) or remove it, and let the garbage collector follow.
/// </summary>
internal sealed class DeletePipeline(ObjectStore store, DeletionMarker marker, Remover remover, GarbageCollector collector, Webhooks.WebhookDispatcher webhooks)
{
    public WriteResult Run(ResourceType type, JsonObject existing, DeleteOptions options)
    {
        var policy = DeletePreconditions.Check(type, existing, options);
        webhooks.Admit(Webhooks.AdmissionAttributes.ForDelete(type, existing, options), [], null);
        if (options.DryRun)
        {
            return new WriteResult(ResourceService.View(type, existing), false, []);
        }

        var uid = Meta.Uid(existing);
        if (policy == "Orphan")
        {
            collector.Orphan(uid);
        }

        var finalizers = Meta.Finalizers(existing);
        if (policy == "Foreground" && collector.HasDependents(uid) && !finalizers.Contains(GarbageCollector.ForegroundFinalizer))
        {
            finalizers.Add(GarbageCollector.ForegroundFinalizer);
        }

        if (type.Key == "namespaces" || finalizers.Count > 0)
        {
            var marked = marker.Mark(type, existing, finalizers);
            collector.Collect();
            var now = store.Get(type.Key, Meta.Namespace(existing), Meta.Name(existing));
            return new WriteResult(ResourceService.View(type, now ?? marked), false, [], Pending: now is not null);
        }

        var gone = remover.RemoveNow(type.Key, existing);
        collector.Collect();
        return new WriteResult(ResourceService.View(type, gone), false, []);
    }
}
