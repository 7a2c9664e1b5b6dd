using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>
/// An update, patch or status write in kube-apiserver's order: check the resourceVersion, build the
/// candidate for the endpoint, guard finalizers, admit, bump the generation, record the field manager,
/// then write unless nothing changed or it is a dry run.
/// </summary>
internal sealed class UpdatePipeline(Admission admission, FieldManagers fieldManagers, CrdHooks hooks, UpdateCommit commit, Webhooks.WebhookDispatcher webhooks)
{
    /// <param name="type">The kind being written.</param>
    /// <param name="existing">The stored object.</param>
    /// <param name="body">The new object as the client (or a patch) gave it; not changed.</param>
    /// <param name="subresource">"status" for /status, empty for the main endpoint.</param>
    /// <param name="options">Field manager, validation and dry run.</param>
    /// <param name="warnings">Collects admission warnings.</param>
    /// <param name="applied">Server-side apply computed the managedFields already.</param>
    /// <returns>The stored object: the existing one when nothing changed.</returns>
    public JsonObject Run(ResourceType type, JsonObject existing, JsonObject body, string subresource, WriteOptions options, List<string> warnings, bool applied)
    {
        ConcurrencyCheck.RequireCurrent(type, existing, body);
        var candidate = UpdateCandidate.Build(type, existing, body, subresource);
        FinalizerGuard.RequireNoneAdded(type, existing, candidate);
        admission.Admit(type, candidate, existing, options, warnings);
        candidate = webhooks.Admit(Webhooks.AdmissionAttributes.ForUpdate(type, subresource, candidate, existing, options), warnings, o => admission.Admit(type, o, existing, options, [])) ?? candidate;
        GenerationBump.Apply(type, existing, candidate);
        if (!applied)
        {
            fieldManagers.RecordUpdate(type, existing, candidate, subresource, options);
        }

        hooks.OnUpdate(type, candidate, subresource);
        if (ChangeDetector.Unchanged(existing, candidate))
        {
            return existing;
        }

        return options.DryRun ? candidate : commit.Write(type, existing, candidate);
    }
}
