using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Validation;

/// <summary>
/// A container's resources as ValidateResourceRequirements checks them: known resource names, quantities
/// of at least 0 (integers for extended resources), and requests at most their limits (equal for
/// resources that cannot be overcommitted).
/// </summary>
internal static class ResourceRequirementsValidator
{
    private static readonly HashSet<string> ContainerResources = new(StringComparer.Ordinal) { "cpu", "memory", "ephemeral-storage" };

    private static readonly HashSet<string> StandardResources = new(StringComparer.Ordinal)
    {
        "cpu", "memory", "ephemeral-storage", "storage", "pods", "services", "replicationcontrollers", "resourcequotas",
        "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
        "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage",
    };

    public static IEnumerable<FieldError> Validate(JsonObject? resources, string path)
    {
        var limits = Quantities(resources?["limits"]);
        var requests = Quantities(resources?["requests"]);
        var errors = new List<FieldError>();
        foreach (var (name, quantity) in limits)
        {
            errors.AddRange(Checks(name, quantity, $"{path}.limits[{name}]"));
        }

        foreach (var (name, quantity) in requests)
        {
            errors.AddRange(Checks(name, quantity, $"{path}.requests[{name}]"));
            if (limits.TryGetValue(name, out var limit))
            {
                if (quantity.CompareTo(limit) != 0 && !Overcommittable(name))
                {
                    errors.Add(Problems.Invalid($"{path}.requests", quantity.ToString(), $"must be equal to {name} limit of {limit}"));
                }
                else if (quantity.CompareTo(limit) > 0)
                {
                    errors.Add(Problems.Invalid($"{path}.requests", quantity.ToString(), $"must be less than or equal to {name} limit of {limit}"));
                }
            }
            else if (!Overcommittable(name))
            {
                errors.Add(Problems.Required($"{path}.limits", "Limit must be set for non overcommitable resources"));
            }
        }

        return errors;
    }

    private static IEnumerable<FieldError> Checks(string name, Quantity quantity, string path)
    {
        var nameErrors = Name(name, path).ToList();
        foreach (var e in nameErrors)
        {
            yield return e;
        }

        if (quantity.Sign < 0)
        {
            yield return Problems.Invalid(path, quantity.ToString(), Formats.NegativeText);
        }

        if (IsExtended(name) && !quantity.IsInteger)
        {
            yield return Problems.Invalid(path, quantity.ToString(), "must be an integer");
        }
    }

    private static IEnumerable<FieldError> Name(string name, string path)
    {
        var qualified = Formats.QualifiedName(name);
        if (qualified.Count > 0)
        {
            foreach (var msg in qualified)
            {
                yield return Problems.Invalid(path, name, msg);
            }

            yield break;
        }

        if (!name.Contains('/', StringComparison.Ordinal))
        {
            if (!StandardResources.Contains(name) && !IsHugePages(name))
            {
                yield return Problems.Invalid(path, name, "must be a standard resource type or fully qualified");
            }

            if (!ContainerResources.Contains(name) && !IsHugePages(name))
            {
                yield return Problems.Invalid(path, name, "must be a standard resource for containers");
            }
        }
    }

    private static bool IsHugePages(string name) => name.StartsWith("hugepages-", StringComparison.Ordinal);

    private static bool IsNative(string name) => !name.Contains('/', StringComparison.Ordinal) || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    private static bool IsExtended(string name) => !IsNative(name) && !name.StartsWith("requests.", StringComparison.Ordinal);

    private static bool Overcommittable(string name) => IsNative(name) && !IsHugePages(name);

    // Unparsable quantities were refused as a 400 by the typed decoding, so only numbers and strings remain.
    private static SortedDictionary<string, Quantity> Quantities(JsonNode? node)
    {
        var map = new SortedDictionary<string, Quantity>(StringComparer.Ordinal);
        if (node is JsonObject o)
        {
            foreach (var (name, value) in o)
            {
                var text = Json.Str(value) ?? value?.ToJsonString();
                if (text is not null && Quantity.Parse(text) is { } q)
                {
                    map[name] = q;
                }
            }
        }

        return map;
    }
}
