using System.Text.Json.Nodes;

namespace Junction.ApiServer.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds: lists with a patch merge key merge by that key, the
/// $patch, $retainKeys, $setElementOrder and $deleteFromPrimitiveList directives, null deletes a field.
/// </summary>
internal static class StrategicMergePatch
{
    private const string SetOrder = "$setElementOrder/";
    private const string DeletePrimitive = "$deleteFromPrimitiveList/";

    public static JsonObject Apply(JsonObject target, JsonObject patch, ListSemantics lists)
    {
        var result = target.DeepClone().AsObject();
        return MergeMap(result, patch, [], lists) ?? new JsonObject();
    }

    private static JsonObject? MergeMap(JsonObject target, JsonObject patch, List<string> path, ListSemantics lists)
    {
        var directive = patch["$patch"]?.GetValue<string>();
        if (directive == "delete")
        {
            return null;
        }

        if (directive == "replace")
        {
            var replaced = patch.DeepClone().AsObject();
            replaced.Remove("$patch");
            return replaced;
        }

        foreach (var (name, value) in patch)
        {
            if (name.StartsWith('$'))
            {
                continue;
            }

            var childPath = new List<string>(path) { name };
            if (value is null)
            {
                target.Remove(name);
            }
            else if (value is JsonObject po)
            {
                var existing = target[name] as JsonObject;
                var merged = MergeMap(existing ?? new JsonObject(), po, childPath, lists);
                if (merged is null)
                {
                    target.Remove(name);
                }
                else if (!ReferenceEquals(merged, existing))
                {
                    target[name] = merged;
                }
            }
            else if (value is JsonArray pa)
            {
                target[name] = MergeList(target[name] as JsonArray, pa, childPath, lists);
            }
            else
            {
                target[name] = value.DeepClone();
            }
        }

        ApplyMapDirectives(target, patch, path, lists);
        return target;
    }

    private static void ApplyMapDirectives(JsonObject target, JsonObject patch, List<string> path, ListSemantics lists)
    {
        foreach (var (name, value) in patch.Where(kv => kv.Key.StartsWith(DeletePrimitive, StringComparison.Ordinal)))
        {
            if (target[name[DeletePrimitive.Length..]] is JsonArray list && value is JsonArray remove)
            {
                foreach (var item in list.Where(i => remove.Any(r => JsonNode.DeepEquals(r, i))).ToList())
                {
                    list.Remove(item);
                }
            }
        }

        foreach (var (name, value) in patch.Where(kv => kv.Key.StartsWith(SetOrder, StringComparison.Ordinal)))
        {
            var field = name[SetOrder.Length..];
            if (target[field] is JsonArray list && value is JsonArray order)
            {
                target[field] = Reorder(list, order, lists.MergeKey([.. path, field]));
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in target.Select(kv => kv.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }
    }

    private static JsonArray MergeList(JsonArray? target, JsonArray patch, List<string> path, ListSemantics lists)
    {
        var keys = lists.Keys(path);
        if (keys is null || target is null)
        {
            return Clean(patch);
        }

        if (patch.OfType<JsonObject>().Any(p => p["$patch"]?.GetValue<string>() == "replace"))
        {
            return Clean(new JsonArray(patch.Where(p => p?["$patch"] is null).Select(p => p?.DeepClone()).ToArray()));
        }

        var result = target.DeepClone().AsArray();
        if (keys.Count == 0)
        {
            foreach (var item in patch.Where(item => !result.Any(r => JsonNode.DeepEquals(r, item))))
            {
                result.Add(item?.DeepClone());
            }

            return result;
        }

        var key = keys[0];
        foreach (var item in patch.OfType<JsonObject>())
        {
            var match = result.OfType<JsonObject>().FirstOrDefault(r => JsonNode.DeepEquals(r[key], item[key]));
            if (item["$patch"]?.GetValue<string>() == "delete")
            {
                if (match is not null)
                {
                    result.Remove(match);
                }

                continue;
            }

            if (match is null)
            {
                result.Add(Clean(item));
                continue;
            }

            var merged = MergeMap(match, item, path, lists);
            if (merged is null)
            {
                result.Remove(match);
            }
        }

        return result;
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, string? key)
    {
        int Rank(JsonNode? item)
        {
            for (var i = 0; i < order.Count; i++)
            {
                var wanted = key is null ? order[i] : order[i]?[key];
                var have = key is null ? item : item?[key];
                if (JsonNode.DeepEquals(wanted, have))
                {
                    return i;
                }
            }

            return int.MaxValue;
        }

        var sorted = list.Select((item, index) => (item, index)).OrderBy(p => Rank(p.item)).ThenBy(p => p.index).Select(p => p.item?.DeepClone()).ToArray();
        return new JsonArray(sorted);
    }

    private static JsonArray Clean(JsonArray array) => new(array.Select(i => i is JsonObject o ? Clean(o) : i?.DeepClone()).ToArray());

    private static JsonObject Clean(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (name, value) in obj.Where(kv => !kv.Key.StartsWith('$')))
        {
            copy[name] = value switch
            {
                JsonObject o => Clean(o),
                JsonArray a => Clean(a),
                _ => value?.DeepClone(),
            };
        }

        return copy;
    }
}
