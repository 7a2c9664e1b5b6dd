using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>A delete's preconditions (uid, resourceVersion) and its propagation policy.</summary>
internal static class DeletePreconditions
{
    /// <returns>The propagation policy, Background when none was given.</returns>
    public static string Check(ResourceType type, JsonObject existing, DeleteOptions options)
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

        var policy = options.PropagationPolicy ?? "Background";
        if (policy is not ("Background" or "Foreground" or "Orphan"))
        {
            throw Errors.Invalid(type, name, [FieldError.NotSupported("propagationPolicy", $"\"{policy}\"", ["Foreground", "Background", "Orphan"])]);
        }

        return policy;
    }
}
