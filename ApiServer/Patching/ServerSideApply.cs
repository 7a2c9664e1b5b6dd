using System.Net;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Patching;

/// <summary>
/// Server-side apply: merges an applied configuration into the live object, removes fields this manager
/// applied before and no longer applies, and refuses to take fields another manager set to a different value
/// unless forced.
/// </summary>
internal static class ServerSideApply
{
    public static JsonObject Apply(
        JsonObject? live, JsonObject applied, string manager, bool force, string apiVersion, string subresource,
        string now, ListSemantics lists, bool hasStatus, ResourceType type, string name)
    {
        var entries = ManagedFields.Read(live);
        var appliedView = ManagedFields.Tracked(applied, subresource, hasStatus);
        var appliedSet = FieldSet.Of(appliedView, lists);
        var liveView = ManagedFields.Tracked(live, subresource, hasStatus);
        var conflicts = new List<(string Manager, string ApiVersion, string Leaf)>();
        foreach (var e in entries.Where(e => e.Manager != manager || e.Operation != "Apply"))
        {
            // A "." leaf owns an item's existence, not its values; the item's fields carry the conflicts.
            foreach (var leaf in appliedSet.Leaves.Where(l => e.Fields.Contains(l) && !l.EndsWith("\u0001.", StringComparison.Ordinal)))
            {
                if (!JsonNode.DeepEquals(FieldPaths.Resolve(liveView, leaf), FieldPaths.Resolve(appliedView, leaf)))
                {
                    conflicts.Add((e.Manager, e.ApiVersion, leaf));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            throw ConflictError(conflicts, type, name);
        }

        var result = live?.DeepClone().AsObject() ?? new JsonObject();
        Merge(result, applied, [], lists);
        var previous = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Apply" && e.Subresource == subresource)?.Fields ?? FieldSet.Empty;
        var taken = conflicts.Select(c => c.Leaf).ToHashSet(StringComparer.Ordinal);
        var others = entries
            .Where(e => !(e.Manager == manager && e.Operation == "Apply" && e.Subresource == subresource))
            .Select(e => e with { Fields = e.Fields.Except(taken) })
            .ToList();
        foreach (var leaf in previous.Except(appliedSet).Leaves.OrderByDescending(l => l.Length))
        {
            if (!others.Any(e => e.Fields.Leaves.Any(o => o == leaf || o.StartsWith(leaf + "\u0001", StringComparison.Ordinal))))
            {
                FieldPaths.Remove(result, leaf);
            }
        }

        others.Add(new ManagedFieldsEntry(manager, "Apply", apiVersion, now, subresource, appliedSet));
        ManagedFields.Write(result, others.Where(e => !e.Fields.IsEmpty));
        return result;
    }

    private static ApiException ConflictError(List<(string Manager, string ApiVersion, string Leaf)> conflicts, ResourceType type, string name)
    {
        var causes = new JsonArray();
        foreach (var c in conflicts)
        {
            causes.Add(new JsonObject
            {
                ["reason"] = "FieldManagerConflict",
                ["message"] = $"conflict with \"{c.Manager}\" using {c.ApiVersion}",
                ["field"] = FieldSet.Display(c.Leaf),
            });
        }

        string message;
        if (conflicts.Count == 1)
        {
            var c = conflicts[0];
            message = $"Apply failed with 1 conflict: conflict with \"{c.Manager}\" using {c.ApiVersion}: {FieldSet.Display(c.Leaf)}";
        }
        else
        {
            var lines = conflicts.GroupBy(c => (c.Manager, c.ApiVersion))
                .Select(g => $"conflicts with \"{g.Key.Manager}\" using {g.Key.ApiVersion}:\n" + string.Join("\n", g.Select(c => "- " + FieldSet.Display(c.Leaf))));
            message = $"Apply failed with {conflicts.Count} conflicts: " + string.Join("\n", lines);
        }

        var details = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural, ["causes"] = causes };
        return new ApiException(HttpStatusCode.Conflict, "Conflict", message, details);
    }

    /// <summary>Structural merge: maps recursively, associative lists by key, sets by value, everything else replaced.</summary>
    public static void Merge(JsonObject target, JsonObject patch, List<string> names, ListSemantics lists)
    {
        foreach (var (name, value) in patch)
        {
            var path = new List<string>(names) { name };
            var current = target[name];
            if (value is JsonObject po && current is JsonObject co)
            {
                Merge(co, po, path, lists);
            }
            else if (value is JsonArray pa && current is JsonArray ca && lists.Keys(path) is { } keys)
            {
                MergeList(ca, pa, keys, path, lists);
            }
            else
            {
                target[name] = value?.DeepClone();
            }
        }
    }

    private static void MergeList(JsonArray target, JsonArray patch, IReadOnlyList<string> keys, List<string> path, ListSemantics lists)
    {
        foreach (var item in patch)
        {
            if (keys.Count == 0 || item is not JsonObject itemObj)
            {
                if (!target.Any(t => JsonNode.DeepEquals(t, item)))
                {
                    target.Add(item?.DeepClone());
                }

                continue;
            }

            var key = FieldSet.KeyOf(itemObj, keys);
            var match = target.OfType<JsonObject>().FirstOrDefault(t => FieldSet.KeyOf(t, keys) == key);
            if (match is null)
            {
                target.Add(itemObj.DeepClone());
            }
            else
            {
                Merge(match, itemObj, path, lists);
            }
        }
    }
}
