using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>An object being deleted may lose finalizers but not gain new ones.</summary>
internal static class FinalizerGuard
{
    public static void RequireNoneAdded(ResourceType type, JsonObject existing, JsonObject candidate)
    {
        if (!Meta.IsDeleting(existing))
        {
            return;
        }

        var added = Meta.Finalizers(candidate).Except(Meta.Finalizers(existing)).ToList();
        if (added.Count > 0)
        {
            throw Errors.Invalid(type, Meta.Name(existing), [new FieldError("metadata.finalizers", "FieldValueForbidden", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => $"\"{a}\""))}}}")]);
        }
    }
}
