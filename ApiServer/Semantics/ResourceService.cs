using System.Text.Json.Nodes;
using Junction.ApiServer.Patching;
using Junction.ApiServer.Semantics.Writes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>
/// Create, update, patch and delete with the registry semantics of kube-apiserver: optimistic concurrency,
/// generation, status subresource, managed fields, finalizers and the hooks that keep CRDs served. Each verb
/// takes the store's lock and runs its pipeline (Writes/); the steps are small types of their own.
/// </summary>
internal sealed partial class ResourceService
{
    private readonly ObjectStore store;
    private readonly ResourceRegistry registry;
    private readonly NamespaceGuard namespaces;
    private readonly CreatePipeline creates;
    private readonly UpdatePipeline updates;
    private readonly ApplyPipeline applies;
    private readonly DeletePipeline deletes;

    public ResourceService(ObjectStore store, ResourceRegistry registry, Clock clock, System.Security.Cryptography.RandomNumberGenerator? random = null, bool populateNamespaces = false, int maxConfigMapBytes = Validation.ConfigMapValidator.MaxSize)
    {
        this.store = store;
        this.registry = registry;
        namespaces = new NamespaceGuard(store, registry);
        var admission = new Admission(maxConfigMapBytes);
        var remover = new Remover(store, registry);
        var collector = new GarbageCollector(store, clock, remover.RemoveNow);
        var hooks = new CrdHooks(registry, clock);
        var fieldManagers = new FieldManagers(clock);
        var webhooks = new Webhooks.WebhookDispatcher(store, random ?? System.Security.Cryptography.RandomNumberGenerator.Create());
        creates = new CreatePipeline(store, new NamespaceBinding(namespaces), admission, new CreateStamp(clock), fieldManagers, hooks, collector, webhooks, populateNamespaces ? new NamespaceDefaults(registry) : null);
        updates = new UpdatePipeline(admission, fieldManagers, hooks, new UpdateCommit(store, hooks, remover, collector), webhooks);
        applies = new ApplyPipeline(clock, creates, updates);
        deletes = new DeletePipeline(store, new DeletionMarker(store, clock), remover, collector, webhooks);
    }

    public ObjectStore Store => store;

    public ResourceRegistry Registry => registry;

    public JsonObject Get(ResourceType type, string ns, string name)
    {
        lock (store.Gate)
        {
            namespaces.Require(type, ns, forWrite: false);
            var obj = store.Get(type.Key, ns, name) ?? throw Errors.NotFound(type, name);
            return View(type, obj);
        }
    }

    public WriteResult Create(ResourceType type, string ns, JsonObject body, WriteOptions options)
    {
        lock (store.Gate)
        {
            var warnings = new List<string>();
            var created = creates.Run(type, ns, body, options, warnings, applied: false);
            return new WriteResult(View(type, created), true, warnings);
        }
    }

    public WriteResult Update(ResourceType type, string ns, string name, JsonObject body, string subresource, WriteOptions options)
    {
        lock (store.Gate)
        {
            namespaces.Require(type, ns, forWrite: false);
            NameMatch.Require(body, name);
            var existing = store.Get(type.Key, ns, name) ?? throw Errors.NotFound(type, name);
            if (type.IsCustom && Meta.ResourceVersion(body).Length == 0)
            {
                throw Errors.Invalid(type, name, [FieldError.Invalid("metadata.resourceVersion", "0x0", "must be specified for an update")]);
            }

            var warnings = new List<string>();
            var updated = updates.Run(type, existing, body, subresource, options, warnings, applied: false);
            return new WriteResult(View(type, updated), false, warnings);
        }
    }

    public WriteResult Patch(ResourceType type, string ns, string name, string contentType, string text, string subresource, WriteOptions options)
    {
        lock (store.Gate)
        {
            namespaces.Require(type, ns, forWrite: false);
            var existing = store.Get(type.Key, ns, name);
            var warnings = new List<string>();
            if (contentType.StartsWith("application/apply-patch", StringComparison.Ordinal))
            {
                return applies.Run(type, ns, name, existing, text, subresource, options, warnings);
            }

            if (existing is null)
            {
                throw Errors.NotFound(type, name);
            }

            var patched = Patcher.Patch(type, existing, contentType, text);
            Decoding.StrictDecoding.CheckPatched(type, patched, options, warnings);
            var updated = updates.Run(type, existing, patched, subresource, options, warnings, applied: false);
            return new WriteResult(View(type, updated), false, warnings);
        }
    }

    public WriteResult Delete(ResourceType type, string ns, string name, DeleteOptions options)
    {
        lock (store.Gate)
        {
            namespaces.Require(type, ns, forWrite: false);
            var existing = store.Get(type.Key, ns, name) ?? throw Errors.NotFound(type, name);
            return deletes.Run(type, existing, options);
        }
    }

    /// <summary>Deletes every object of a kind in a namespace (or cluster-wide) that matches the selector.</summary>
    public IReadOnlyList<JsonObject> DeleteCollection(ResourceType type, string ns, Func<JsonObject, bool> matches, DeleteOptions options)
    {
        lock (store.Gate)
        {
            var victims = store.List(type.Key, type.Namespaced ? ns : null).Where(matches).ToList();
            return victims.Select(v => Delete(type, Meta.Namespace(v), Meta.Name(v), options).Object).ToList();
        }
    }

    /// <summary>The object as served at the requested version: a copy with that apiVersion.</summary>
    internal static JsonObject View(ResourceType type, JsonObject stored)
    {
        var copy = stored.DeepClone().AsObject();
        copy["apiVersion"] = type.ApiVersion;
        return copy;
    }
}
