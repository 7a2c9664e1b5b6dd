using System.Text.Json.Nodes;
using Junction.ApiServer.Patching;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>
/// Create, update, patch and delete with the registry semantics of kube-apiserver: optimistic concurrency,
/// generation, status subresource, managed fields, finalizers and the hooks that keep CRDs served.
/// </summary>
internal sealed partial class ResourceService
{
    private readonly ObjectStore store;
    private readonly ResourceRegistry registry;
    private readonly Clock clock;
    private readonly Admission admission = new();
    private readonly GarbageCollector collector;

    public ResourceService(ObjectStore store, ResourceRegistry registry, Clock clock)
    {
        this.store = store;
        this.registry = registry;
        this.clock = clock;
        collector = new GarbageCollector(store, clock, RemoveNow);
    }

    public ObjectStore Store => store;

    public ResourceRegistry Registry => registry;

    public JsonObject Get(ResourceType type, string ns, string name)
    {
        lock (store.Gate)
        {
            RequireNamespace(type, ns, forWrite: false);
            var obj = store.Get(type.Key, ns, name) ?? throw Errors.NotFound(type, name);
            return View(type, obj);
        }
    }

    public WriteResult Create(ResourceType type, string ns, JsonObject body, WriteOptions options)
    {
        lock (store.Gate)
        {
            var warnings = new List<string>();
            var created = CreateCore(type, ns, body, options, warnings, applied: false);
            return new WriteResult(View(type, created), true, warnings);
        }
    }

    public WriteResult Update(ResourceType type, string ns, string name, JsonObject body, string subresource, WriteOptions options)
    {
        lock (store.Gate)
        {
            RequireNamespace(type, ns, forWrite: false);
            var bodyName = Meta.Name(body);
            if (bodyName.Length > 0 && bodyName != name)
            {
                throw Errors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            }

            var existing = store.Get(type.Key, ns, name) ?? throw Errors.NotFound(type, name);
            if (type.IsCustom && Meta.ResourceVersion(body).Length == 0)
            {
                throw Errors.Invalid(type, name, [FieldError.Invalid("metadata.resourceVersion", "0x0", "must be specified for an update")]);
            }

            var warnings = new List<string>();
            var updated = UpdateCore(type, existing, body, subresource, options, warnings, applied: false);
            return new WriteResult(View(type, updated), false, warnings);
        }
    }

    public WriteResult Patch(ResourceType type, string ns, string name, string contentType, string text, string subresource, WriteOptions options)
    {
        lock (store.Gate)
        {
            RequireNamespace(type, ns, forWrite: false);
            var existing = store.Get(type.Key, ns, name);
            var warnings = new List<string>();
            if (contentType.StartsWith("application/apply-patch", StringComparison.Ordinal))
            {
                return Apply(type, ns, name, existing, text, subresource, options, warnings);
            }

            if (existing is null)
            {
                throw Errors.NotFound(type, name);
            }

            var patched = Patcher.Patch(type, existing, contentType, text);
            var updated = UpdateCore(type, existing, patched, subresource, options, warnings, applied: false);
            return new WriteResult(View(type, updated), false, warnings);
        }
    }

    private WriteResult Apply(ResourceType type, string ns, string name, JsonObject? existing, string text, string subresource, WriteOptions options, List<string> warnings)
    {
        if (options.FieldManager is "unknown" or "")
        {
            throw Errors.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        var applied = Patcher.ParseApplied(text);
        var appliedName = Meta.Name(applied);
        if (appliedName.Length > 0 && appliedName != name)
        {
            throw Errors.BadRequest($"the name of the object ({appliedName}) does not match the name on the URL ({name})");
        }

        var lists = new ListSemantics(type.Key, type.Schema);
        var merged = ServerSideApply.Apply(existing, applied, options.FieldManager, options.Force, type.ApiVersion, subresource, clock.Now(), lists, type.HasStatus, type, name);
        if (existing is null)
        {
            Meta.Of(merged)["name"] = name;
            var created = CreateCore(type, ns, merged, options, warnings, applied: true);
            return new WriteResult(View(type, created), true, warnings);
        }

        Meta.Of(merged)["resourceVersion"] = Meta.ResourceVersion(existing);
        var updated = UpdateCore(type, existing, merged, subresource, options, warnings, applied: true);
        return new WriteResult(View(type, updated), false, warnings);
    }

    private JsonObject CreateCore(ResourceType type, string ns, JsonObject body, WriteOptions options, List<string> warnings, bool applied)
    {
        var obj = body.DeepClone().AsObject();
        CheckKind(type, obj);
        var meta = Meta.Of(obj);
        if (type.Namespaced)
        {
            var bodyNs = Meta.Namespace(obj);
            if (bodyNs.Length > 0 && bodyNs != ns)
            {
                throw Errors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
            }

            meta["namespace"] = ns;
            RequireNamespace(type, ns, forWrite: true);
        }
        else
        {
            meta.Remove("namespace");
        }

        AssignName(type, obj);
        if (type.HasStatus && type.Key != "namespaces")
        {
            obj.Remove("status");
        }

        foreach (var field in new[] { "uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
        {
            meta.Remove(field);
        }

        if (!applied)
        {
            meta.Remove("managedFields");
        }

        admission.Admit(type, obj, null, options, warnings);
        if (store.Get(type.Key, Meta.Namespace(obj), Meta.Name(obj)) is not null)
        {
            throw Errors.AlreadyExists(type, Meta.Name(obj));
        }

        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = clock.Now();
        if (type.TracksGeneration)
        {
            meta["generation"] = 1;
        }
        else
        {
            meta.Remove("generation");
        }
        if (!applied)
        {
            var entries = ManagedFields.RecordUpdate(null, obj, options.FieldManager, type.ApiVersion, string.Empty, clock.Now(), new ListSemantics(type.Key, type.Schema), type.HasStatus);
            ManagedFields.Write(obj, entries);
        }

        OnCreate(type, obj);
        if (options.DryRun)
        {
            return obj;
        }

        store.Put(type.Key, obj);
        AfterWrite(type, obj);
        if (Meta.OwnerReferences(obj).Any())
        {
            collector.CollectWritten(type.Key, obj);
        }

        return obj;
    }

    private JsonObject UpdateCore(ResourceType type, JsonObject existing, JsonObject body, string subresource, WriteOptions options, List<string> warnings, bool applied)
    {
        var name = Meta.Name(existing);
        var bodyRv = Meta.ResourceVersion(body);
        if (bodyRv.Length > 0 && bodyRv != Meta.ResourceVersion(existing))
        {
            throw Errors.Conflict(type, name);
        }

        var candidate = Candidate(type, existing, body, subresource);
        if (Meta.IsDeleting(existing))
        {
            var added = Meta.Finalizers(candidate).Except(Meta.Finalizers(existing)).ToList();
            if (added.Count > 0)
            {
                throw Errors.Invalid(type, name, [new FieldError("metadata.finalizers", "FieldValueForbidden", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => $"\"{a}\""))}}}")]);
            }
        }

        admission.Admit(type, candidate, existing, options, warnings);
        if (type.TracksGeneration && SpecChanged(existing, candidate, type.HasStatus))
        {
            Meta.Of(candidate)["generation"] = Meta.Generation(existing) + 1;
        }

        if (!applied)
        {
            var entries = ManagedFields.RecordUpdate(existing, candidate, options.FieldManager, type.ApiVersion, subresource, clock.Now(), new ListSemantics(type.Key, type.Schema), type.HasStatus);
            ManagedFields.Write(candidate, entries);
        }

        if (type.Key == "customresourcedefinitions.apiextensions.k8s.io" && subresource.Length == 0)
        {
            CrdTypes.SetStatus(candidate, clock.Now());
        }

        if (Unchanged(existing, candidate))
        {
            return existing;
        }

        if (options.DryRun)
        {
            return candidate;
        }

        if (Meta.IsDeleting(candidate) && Meta.Finalizers(candidate).Count == 0)
        {
            var gone = RemoveNow(type.Key, candidate);
            collector.Collect();
            return gone;
        }

        store.Put(type.Key, candidate);
        AfterWrite(type, candidate);
        if (Meta.IsDeleting(candidate))
        {
            collector.Collect();
        }
        else if (!JsonNode.DeepEquals(existing["metadata"]?["ownerReferences"], candidate["metadata"]?["ownerReferences"]))
        {
            collector.CollectWritten(type.Key, candidate);
        }

        return candidate;
    }

    /// <summary>The object a write would store: the main endpoint keeps the old status, /status keeps everything else.</summary>
    private static JsonObject Candidate(ResourceType type, JsonObject existing, JsonObject body, string subresource)
    {
        JsonObject candidate;
        if (subresource == "status")
        {
            candidate = existing.DeepClone().AsObject();
            candidate["status"] = body["status"]?.DeepClone();
            if (candidate["status"] is null)
            {
                candidate.Remove("status");
            }
        }
        else
        {
            candidate = body.DeepClone().AsObject();
            if (type.HasStatus)
            {
                candidate["status"] = existing["status"]?.DeepClone();
                if (candidate["status"] is null)
                {
                    candidate.Remove("status");
                }
            }
        }

        candidate["apiVersion"] = existing["apiVersion"]?.DeepClone();
        candidate["kind"] = type.Kind;
        var meta = Meta.Of(candidate);
        var old = Meta.Of(existing);
        if (subresource == "status" || meta["managedFields"] is not JsonArray)
        {
            meta["managedFields"] = old["managedFields"]?.DeepClone();
            if (meta["managedFields"] is null)
            {
                meta.Remove("managedFields");
            }
        }

        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "resourceVersion" })
        {
            if (old[field] is JsonNode value)
            {
                meta[field] = value.DeepClone();
            }
            else
            {
                meta.Remove(field);
            }
        }

        return candidate;
    }

    /// <summary>Anything outside metadata changed (status too, unless a status subresource owns it), or deletion began.</summary>
    private static bool SpecChanged(JsonObject before, JsonObject after, bool hasStatus) =>
        !JsonNode.DeepEquals(WithoutMetadata(before, hasStatus), WithoutMetadata(after, hasStatus))
        || (!Meta.IsDeleting(before) && Meta.IsDeleting(after));

    private static JsonObject WithoutMetadata(JsonObject obj, bool withoutStatus)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj.Where(kv => kv.Key is not ("metadata" or "apiVersion" or "kind") && !(withoutStatus && kv.Key == "status")))
        {
            copy[name] = value?.DeepClone();
        }

        return copy;
    }

    private static bool Unchanged(JsonObject existing, JsonObject candidate)
    {
        var a = existing.DeepClone().AsObject();
        var b = candidate.DeepClone().AsObject();
        foreach (var o in new[] { a, b })
        {
            // Ownership changes are changes; only the timestamps of managedFields entries are not.
            foreach (var entry in (Meta.Of(o)["managedFields"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                entry.Remove("time");
            }

            Meta.Of(o).Remove("resourceVersion");
            o.Remove("apiVersion");
        }

        return JsonNode.DeepEquals(a, b);
    }
}
