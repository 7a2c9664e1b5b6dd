using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>Refuses writes into a namespace that does not exist or is being terminated; reads pass.</summary>
internal sealed class NamespaceGuard(ObjectStore store, ResourceRegistry registry)
{
    public void Require(ResourceType type, string ns, bool forWrite)
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
}
