using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>Puts a created object into the URL's namespace (which must accept writes), or into none for cluster-scoped kinds.</summary>
internal sealed class NamespaceBinding(NamespaceGuard guard)
{
    public void Bind(ResourceType type, string ns, JsonObject obj)
    {
        var meta = Meta.Of(obj);
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }

        var bodyNs = Meta.Namespace(obj);
        if (bodyNs.Length > 0 && bodyNs != ns)
        {
            throw Errors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        meta["namespace"] = ns;
        guard.Require(type, ns, forWrite: true, Meta.Name(obj));
    }
}
