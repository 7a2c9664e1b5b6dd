using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>What writing a Namespace or a CustomResourceDefinition does beyond storing it.</summary>
internal sealed class CrdHooks(ResourceRegistry registry, Clock clock)
{
    public const string CrdKey = "customresourcedefinitions.apiextensions.k8s.io";

    /// <summary>A new Namespace is Active; a new CRD is Established.</summary>
    public void OnCreate(ResourceType type, JsonObject obj)
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

    /// <summary>A CRD written through its main endpoint keeps its computed conditions.</summary>
    public void OnUpdate(ResourceType type, JsonObject candidate, string subresource)
    {
        if (type.Key == CrdKey && subresource.Length == 0)
        {
            CrdTypes.SetStatus(candidate, clock.Now());
        }
    }

    /// <summary>A stored CRD that is not being deleted serves its kinds.</summary>
    public void AfterWrite(ResourceType type, JsonObject obj)
    {
        if (type.Key == CrdKey && !Meta.IsDeleting(obj))
        {
            registry.SetCrd(Meta.Name(obj), CrdTypes.Types(obj));
        }
    }
}
