using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>
/// A create in kube-apiserver's order: check the kind, bind the namespace, name the object, drop what the
/// client may not set, admit, refuse a duplicate, stamp the server's metadata, then store it.
/// </summary>
internal sealed class CreatePipeline(
    ObjectStore store,
    NamespaceBinding namespaces,
    Admission admission,
    CreateStamp stamp,
    FieldManagers fieldManagers,
    CrdHooks hooks,
    GarbageCollector collector,
    Webhooks.WebhookDispatcher webhooks)
{
    /// <param name="type">The kind being created.</param>
    /// <param name="ns">The namespace on the URL.</param>
    /// <param name="body">The request body; not changed.</param>
    /// <param name="options">Field manager, validation and dry run.</param>
    /// <param name="warnings">Collects admission warnings.</param>
    /// <param name="applied">Server-side apply computed the managedFields already.</param>
    /// <returns>The stored object (or the one a dry run would store).</returns>
    public JsonObject Run(ResourceType type, string ns, JsonObject body, WriteOptions options, List<string> warnings, bool applied)
    {
        var obj = body.DeepClone().AsObject();
        KindCheck.Apply(type, obj);
        namespaces.Bind(type, ns, obj);
        NameGenerator.Assign(type, obj);
        CreateSanitizer.Strip(type, obj, applied);
        admission.Admit(type, obj, null, options, warnings);
        obj = webhooks.Admit(Webhooks.AdmissionAttributes.ForCreate(type, obj, options), warnings, o => admission.Admit(type, o, null, options, [])) ?? obj;
        if (store.Get(type.Key, Meta.Namespace(obj), Meta.Name(obj)) is not null)
        {
            throw Errors.AlreadyExists(type, Meta.Name(obj));
        }

        stamp.Apply(type, obj);
        if (!applied)
        {
            fieldManagers.RecordUpdate(type, null, obj, string.Empty, options);
        }

        hooks.OnCreate(type, obj);
        if (options.DryRun)
        {
            return obj;
        }

        store.Put(type.Key, obj);
        hooks.AfterWrite(type, obj);
        if (Meta.OwnerReferences(obj).Any())
        {
            collector.CollectWritten(type.Key, obj);
        }

        return obj;
    }
}
