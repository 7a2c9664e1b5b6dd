using System.Text.Json.Nodes;

namespace Junction.ApiServer.Patching;

/// <summary>Reads, writes and updates metadata.managedFields: field ownership per manager and operation.</summary>
internal static class ManagedFields
{
    private static readonly string[] TrackedMetadata = ["labels", "annotations", "finalizers", "ownerReferences"];

    public static List<ManagedFieldsEntry> Read(JsonObject? obj)
    {
        var result = new List<ManagedFieldsEntry>();
        if (obj?["metadata"]?["managedFields"] is not JsonArray entries)
        {
            return result;
        }

        foreach (var e in entries.OfType<JsonObject>())
        {
            result.Add(new ManagedFieldsEntry(
                e["manager"]?.GetValue<string>() ?? string.Empty,
                e["operation"]?.GetValue<string>() ?? "Update",
                e["apiVersion"]?.GetValue<string>() ?? string.Empty,
                e["time"]?.GetValue<string>() ?? string.Empty,
                e["subresource"]?.GetValue<string>() ?? string.Empty,
                FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject)));
        }

        return result;
    }

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var e in entries.Where(e => !e.Fields.IsEmpty))
        {
            var node = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
                ["time"] = e.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = e.Fields.ToFieldsV1(),
            };
            if (e.Subresource.Length > 0)
            {
                node["subresource"] = e.Subresource;
            }

            array.Add(node);
        }

        if (array.Count == 0)
        {
            Store.Meta.Of(obj).Remove("managedFields");
        }
        else
        {
            Store.Meta.Of(obj)["managedFields"] = array;
        }
    }

    /// <summary>The part of an object whose ownership is tracked through the given endpoint.</summary>
    public static JsonObject Tracked(JsonObject? obj, string subresource, bool hasStatus)
    {
        var view = new JsonObject();
        if (obj is null)
        {
            return view;
        }

        foreach (var (name, value) in obj)
        {
            var keep = name switch
            {
                "apiVersion" or "kind" => false,
                "metadata" => false,
                "status" => subresource == "status" || !hasStatus,
                _ => subresource != "status",
            };
            if (keep)
            {
                view[name] = value?.DeepClone();
            }
        }

        if (subresource != "status" && obj["metadata"] is JsonObject meta)
        {
            var trackedMeta = new JsonObject();
            foreach (var field in TrackedMetadata.Where(meta.ContainsKey))
            {
                trackedMeta[field] = meta[field]?.DeepClone();
            }

            if (trackedMeta.Count > 0)
            {
                view["metadata"] = trackedMeta;
            }
        }

        return view;
    }

    /// <summary>A non-apply write takes the fields it changed; earlier owners lose them without conflict.</summary>
    public static List<ManagedFieldsEntry> RecordUpdate(
        JsonObject? old, JsonObject updated, string manager, string apiVersion, string subresource, string now, ListSemantics lists, bool hasStatus)
    {
        // A client may rewrite managedFields itself (kubectl does when it upgrades client-side apply owners).
        var entries = updated["metadata"]?["managedFields"] is JsonArray && !JsonNode.DeepEquals(updated["metadata"]?["managedFields"], old?["metadata"]?["managedFields"])
            ? Read(updated)
            : Read(old);
        var oldView = Tracked(old, subresource, hasStatus);
        var newView = Tracked(updated, subresource, hasStatus);
        var oldSet = FieldSet.Of(oldView, lists);
        var newSet = FieldSet.Of(newView, lists);
        var changed = newSet.Leaves.Where(l => !oldSet.Contains(l) || (!l.EndsWith("\u0001.", StringComparison.Ordinal) && !JsonNode.DeepEquals(FieldPaths.Resolve(oldView, l), FieldPaths.Resolve(newView, l)))).ToList();
        var removed = oldSet.Except(newSet).Leaves.ToList();
        var touched = changed.Concat(removed).ToList();
        if (touched.Count == 0)
        {
            return entries;
        }

        var result = entries.Select(e => e with { Fields = e.Fields.Except(touched) }).ToList();
        var mine = result.FindIndex(e => e.Manager == manager && e.Operation == "Update" && e.Subresource == subresource);
        var fields = (mine >= 0 ? result[mine].Fields : FieldSet.Empty).Union(new FieldSet(changed)).Except(removed);
        var entry = new ManagedFieldsEntry(manager, "Update", apiVersion, now, subresource, fields);
        if (mine >= 0)
        {
            result[mine] = entry;
        }
        else
        {
            result.Add(entry);
        }

        return result.Where(e => !e.Fields.IsEmpty).ToList();
    }
}
