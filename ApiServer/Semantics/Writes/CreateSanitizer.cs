using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>Drops what a client may not set on create: status behind a subresource, and the fields the server owns.</summary>
internal static class CreateSanitizer
{
    private static readonly string[] ServerFields = ["uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"];

    /// <param name="type">The kind being created.</param>
    /// <param name="obj">The object, changed in place.</param>
    /// <param name="applied">Server-side apply has already computed managedFields; keep them.</param>
    public static void Strip(ResourceType type, JsonObject obj, bool applied)
    {
        if (type.HasStatus && type.Key != "namespaces")
        {
            obj.Remove("status");
        }

        var meta = Meta.Of(obj);
        foreach (var field in ServerFields)
        {
            meta.Remove(field);
        }

        if (!applied)
        {
            meta.Remove("managedFields");
        }
    }
}
