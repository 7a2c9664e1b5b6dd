using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>Refuses writes into a namespace that does not exist or is being terminated; reads pass.</summary>
/// <remarks>Names the object being created, as kube-apiserver's NamespaceLifecycle admission does.</remarks>
internal sealed class NamespaceGuard(ObjectStore store, ResourceRegistry registry)
{
    public void Require(ResourceType type, string ns, bool forWrite, string name = "")
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
            throw Terminating(type, ns, name);
        }
    }

    /// <summary>NamespaceLifecycle's refusal: 403, naming the object (none for a generated name) and a NamespaceTerminating cause.</summary>
    private static ApiException Terminating(ResourceType type, string ns, string name)
    {
        var subject = name.Length == 0 ? type.QualifiedName : $"{type.QualifiedName} \"{name}\"";
        var details = new JsonObject();
        if (name.Length > 0)
        {
            details["name"] = name;
        }

        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;

        details["causes"] = new JsonArray(new JsonObject { ["reason"] = "NamespaceTerminating", ["message"] = $"namespace {ns} is being terminated", ["field"] = "metadata.namespace" });
        return new ApiException(
            System.Net.HttpStatusCode.Forbidden,
            "Forbidden",
            $"{subject} is forbidden: unable to create new content in namespace {ns} because it is being terminated",
            details);
    }
}
