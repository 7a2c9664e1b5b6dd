using System.Text.Json.Nodes;
using Junction.ApiServer.Patching;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>Records an update-operation managedFields entry for the writer of a create, update or patch.</summary>
internal sealed class FieldManagers(Clock clock)
{
    public void RecordUpdate(ResourceType type, JsonObject? existing, JsonObject obj, string subresource, WriteOptions options)
    {
        var entries = ManagedFields.RecordUpdate(existing, obj, options.FieldManager, type.ApiVersion, subresource, clock.Now(), new ListSemantics(type.Key, type.Schema), type.HasStatus);
        ManagedFields.Write(obj, entries);
    }
}
