using System.Collections.Concurrent;

namespace Junction.ApiServer.Store;

/// <summary>Every served resource: the built-ins plus the versions of each established CRD.</summary>
internal sealed class ResourceRegistry
{
    private readonly ConcurrentDictionary<string, ResourceType> byPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<ResourceType>> byCrd = new(StringComparer.Ordinal);

    public ResourceRegistry()
    {
        foreach (var type in BuiltinTypes.All)
        {
            byPath[PathKey(type.Group, type.Version, type.Plural)] = type;
        }
    }

    public ResourceType? Find(string group, string version, string plural) =>
        byPath.TryGetValue(PathKey(group, version, plural), out var t) ? t : null;

    /// <summary>A served type for a store key (group and plural); any of a CRD's versions will do.</summary>
    public ResourceType? FindByKey(string key)
    {
        // Enumerating the dictionary itself takes no lock and no snapshot; this runs on every namespaced write.
        foreach (var (_, type) in byPath)
        {
            if (type.Key == key)
            {
                return type;
            }
        }

        return null;
    }

    public ResourceType? FindByKind(string apiVersion, string kind) =>
        All().FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    public IReadOnlyList<ResourceType> All() => byPath.Values.OrderBy(t => t.Group, StringComparer.Ordinal).ThenBy(t => t.Plural, StringComparer.Ordinal).ToList();

    public void SetCrd(string crdName, IReadOnlyList<ResourceType> versions)
    {
        RemoveCrdTypes(crdName);
        byCrd[crdName] = versions;
        foreach (var t in versions)
        {
            byPath[PathKey(t.Group, t.Version, t.Plural)] = t;
        }

    }

    public void RemoveCrd(string crdName)
    {
        RemoveCrdTypes(crdName);
        byCrd.TryRemove(crdName, out _);
    }

    private void RemoveCrdTypes(string crdName)
    {
        if (byCrd.TryGetValue(crdName, out var old))
        {
            foreach (var t in old)
            {
                byPath.TryRemove(PathKey(t.Group, t.Version, t.Plural), out _);
            }
        }
    }

    private static string PathKey(string group, string version, string plural) => $"{group}/{version}/{plural}";
}
