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

    /// <summary>Raised after the set of served resources changed.</summary>
    public event Action? Changed;

    public ResourceType? Find(string group, string version, string plural) =>
        byPath.TryGetValue(PathKey(group, version, plural), out var t) ? t : null;

    /// <summary>The type used for storage of a key (the first registered version wins).</summary>
    public ResourceType? FindByKey(string key) => All().FirstOrDefault(t => t.Key == key);

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

        Changed?.Invoke();
    }

    public void RemoveCrd(string crdName)
    {
        RemoveCrdTypes(crdName);
        byCrd.TryRemove(crdName, out _);
        Changed?.Invoke();
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
