using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>Deletion, finalizers, namespaces and the CRD hooks.</summary>
internal sealed partial class ResourceService
{
    private const string CrdKey = "customresourcedefinitions.apiextensions.k8s.io";

    public WriteResult Delete(ResourceType type, string ns, string name, DeleteOptions options)
    {
        lock (store.Gate)
        {
            RequireNamespace(type, ns, forWrite: false);
            var existing = store.Get(type.Key, ns, name) ?? throw Errors.NotFound(type, name);
            CheckPreconditions(type, existing, options);
            var policy = options.PropagationPolicy ?? "Background";
            if (policy is not ("Background" or "Foreground" or "Orphan"))
            {
                throw Errors.Invalid(type, name, [FieldError.NotSupported("propagationPolicy", $"\"{policy}\"", ["Foreground", "Background", "Orphan"])]);
            }

            if (options.DryRun)
            {
                return new WriteResult(View(type, existing), false, []);
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
                var marked = MarkDeleting(type, existing, finalizers);
                collector.Collect();
                var now = store.Get(type.Key, ns, name);
                return new WriteResult(View(type, now ?? marked), false, [], Pending: now is not null);
            }

            var gone = RemoveNow(type.Key, existing);
            collector.Collect();
            return new WriteResult(View(type, gone), false, []);
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

    private JsonObject MarkDeleting(ResourceType type, JsonObject existing, List<string> finalizers)
    {
        var marked = existing.DeepClone().AsObject();
        var meta = Meta.Of(marked);
        if (meta["deletionTimestamp"] is null)
        {
            meta["deletionTimestamp"] = clock.Now();
            meta["deletionGracePeriodSeconds"] = 0;
            if (Meta.Generation(existing) > 0)
            {
                meta["generation"] = Meta.Generation(existing) + 1;
            }
        }

        Meta.SetFinalizers(marked, finalizers);
        if (type.Key == "namespaces")
        {
            marked["status"] = new JsonObject { ["phase"] = "Terminating" };
        }

        if (!JsonNode.DeepEquals(marked, existing))
        {
            store.Put(type.Key, marked);
        }

        return marked;
    }

    /// <summary>Removes an object from the store for good; deleting a CRD also removes its custom resources.</summary>
    private JsonObject RemoveNow(string key, JsonObject obj)
    {
        var gone = store.Remove(key, obj);
        if (key == CrdKey)
        {
            var resourceKey = Meta.Name(obj);
            foreach (var cr in store.List(resourceKey, null).ToList())
            {
                store.Remove(resourceKey, cr);
            }

            registry.RemoveCrd(resourceKey);
        }

        return gone;
    }

    private static void CheckPreconditions(ResourceType type, JsonObject existing, DeleteOptions options)
    {
        var name = Meta.Name(existing);
        if (options.PreconditionUid is { Length: > 0 } uid && uid != Meta.Uid(existing))
        {
            throw Errors.PreconditionFailed(type, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Meta.Uid(existing)}");
        }

        if (options.PreconditionResourceVersion is { Length: > 0 } rv && rv != Meta.ResourceVersion(existing))
        {
            throw Errors.PreconditionFailed(type, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {Meta.ResourceVersion(existing)}");
        }
    }

    private void RequireNamespace(ResourceType type, string ns, bool forWrite)
    {
        if (!type.Namespaced || ns.Length == 0)
        {
            return;
        }

        var namespaceType = registry.FindByKey("namespaces")!;
        var found = store.Get("namespaces", string.Empty, ns);
        if (found is null)
        {
            if (forWrite)
            {
                throw Errors.NotFound(namespaceType, ns);
            }

            return;
        }

        if (forWrite && Meta.IsDeleting(found))
        {
            throw new ApiException(
                System.Net.HttpStatusCode.Forbidden,
                "Forbidden",
                $"{type.QualifiedName} \"{Meta.Name(found)}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                new JsonObject { ["name"] = ns, ["kind"] = type.Plural, ["causes"] = new JsonArray(new JsonObject { ["reason"] = "NamespaceTerminating", ["message"] = $"namespace {ns} is being terminated", ["field"] = "metadata.namespace" }) });
        }
    }

    private static void CheckKind(ResourceType type, JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>();
        var kind = obj["kind"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
        {
            throw Errors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw Errors.BadRequest($"{kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: the object provided is unrecognized (wrong kind)");
        }

        obj["apiVersion"] = type.ApiVersion;
        obj["kind"] = type.Kind;
    }

    private static void AssignName(ResourceType type, JsonObject obj)
    {
        var meta = Meta.Of(obj);
        if (Meta.Name(obj).Length > 0)
        {
            return;
        }

        var generate = meta["generateName"]?.GetValue<string>();
        if (string.IsNullOrEmpty(generate))
        {
            throw Errors.Invalid(type, string.Empty, [FieldError.Required("metadata.name") with { Message = "Required value: name or generateName is required" }]);
        }

        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var suffix = new string(Enumerable.Range(0, 5).Select(_ => alphabet[Random.Shared.Next(alphabet.Length)]).ToArray());
        meta["name"] = generate + suffix;
    }

    private void OnCreate(ResourceType type, JsonObject obj)
    {
        if (type.Key == "namespaces")
        {
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }
        else if (type.Key == CrdKey)
        {
            CrdTypes.SetStatus(obj, clock.Now());
        }
    }

    private void AfterWrite(ResourceType type, JsonObject obj)
    {
        if (type.Key == CrdKey && !Meta.IsDeleting(obj))
        {
            registry.SetCrd(Meta.Name(obj), CrdTypes.Types(obj));
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
