using System.Text.Json.Nodes;
using Junction.ApiServer.Patching;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics.Writes;

/// <summary>
/// Server-side apply: merge the applied configuration into the stored object under its field manager,
/// then create or update through the same pipelines as every other write.
/// </summary>
internal sealed class ApplyPipeline(Clock clock, CreatePipeline creates, UpdatePipeline updates)
{
    public WriteResult Run(ResourceType type, string ns, string name, JsonObject? existing, string text, string subresource, WriteOptions options, List<string> warnings)
    {
        if (options.FieldManager is "unknown" or "")
        {
            throw Errors.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        var applied = Patcher.ParseApplied(text);
        NameMatch.Require(applied, name);
        Decoding.StrictDecoding.RequireDeclared(type, applied, name);
        var lists = new ListSemantics(type.Key, type.Schema);
        var merged = ServerSideApply.Apply(existing, applied, options.FieldManager, options.Force, type.ApiVersion, subresource, clock.Now(), lists, type.HasStatus, type, name);
        if (existing is null)
        {
            Meta.Of(merged)["name"] = name;
            var created = creates.Run(type, ns, merged, options, warnings, applied: true);
            return new WriteResult(ResourceService.View(type, created), true, warnings);
        }

        Meta.Of(merged)["resourceVersion"] = Meta.ResourceVersion(existing);
        var updated = updates.Run(type, existing, merged, subresource, options, warnings, applied: true);
        return new WriteResult(ResourceService.View(type, updated), false, warnings);
    }
}
