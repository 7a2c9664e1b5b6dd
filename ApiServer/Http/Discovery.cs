using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Http;

/// <summary>The discovery documents: /version, /api, /api/v1, /apis, /apis/group and /apis/group/version.</summary>
internal static class Discovery
{
    private static readonly string[] ObjectVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    // Served but never stored: they answer create only, so the registry of stored kinds does not hold them.
    private const string AuthenticationGroup = "authentication.k8s.io";
    private const string AuthorizationGroup = Authorization.AccessReviews.Group;

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0-junction",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-12-11T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject Groups(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(GroupVersions(registry).GroupBy(gv => gv.Group).Select(g => (JsonNode?)Group(g.Key, g.Select(gv => gv.Version))).ToArray()),
    };

    public static JsonObject? Group(ResourceRegistry registry, string group)
    {
        var versions = GroupVersions(registry).Where(gv => gv.Group == group).Select(gv => gv.Version).ToList();
        return versions.Count == 0 ? null : Group(group, versions);
    }

    public static JsonObject? Resources(ResourceRegistry registry, string group, string version)
    {
        if (group == AuthenticationGroup && version == "v1")
        {
            return ResourceList(group, version, new JsonArray(CreateOnly("tokenreviews", "tokenreview", "TokenReview")));
        }

        if (group == AuthorizationGroup && version == Authorization.AccessReviews.Version)
        {
            return ResourceList(group, version, new JsonArray(
                CreateOnly(AuthorizationEndpoint.AccessResource, "selfsubjectaccessreview", Authorization.AccessReviews.AccessReviewKind),
                CreateOnly(AuthorizationEndpoint.RulesResource, "selfsubjectrulesreview", Authorization.AccessReviews.RulesReviewKind)));
        }

        var types = registry.All().Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var t in types)
        {
            resources.Add(Resource(t));
            if (Semantics.ResourceService.HasScale(t))
            {
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/scale",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = t.Namespaced,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }

            if (t.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = t.Plural + "/status",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = t.Namespaced,
                    ["kind"] = t.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }

            if (t.Key == "serviceaccounts")
            {
                resources.Add(new JsonObject
                {
                    ["name"] = "serviceaccounts/token",
                    ["singularName"] = string.Empty,
                    ["namespaced"] = true,
                    ["group"] = AuthenticationGroup,
                    ["version"] = "v1",
                    ["kind"] = "TokenRequest",
                    ["verbs"] = new JsonArray("create"),
                });
            }
        }

        return ResourceList(group, version, resources);
    }

    private static JsonObject ResourceList(string group, string version, JsonArray resources) => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
        ["resources"] = resources,
    };

    private static JsonObject CreateOnly(string plural, string singular, string kind) => new()
    {
        ["name"] = plural,
        ["singularName"] = singular,
        ["namespaced"] = false,
        ["kind"] = kind,
        ["verbs"] = new JsonArray("create"),
    };

    /// <summary>Every served group (the core group aside) and version, by group name.</summary>
    private static IEnumerable<(string Group, string Version)> GroupVersions(ResourceRegistry registry) =>
        registry.All().Where(t => t.Group.Length > 0).Select(t => (t.Group, t.Version))
            .Append((AuthenticationGroup, "v1"))
            .Append((AuthorizationGroup, Authorization.AccessReviews.Version))
            .Distinct()
            .OrderBy(gv => gv.Item1, StringComparer.Ordinal);

    private static JsonObject Resource(ResourceType t)
    {
        var resource = new JsonObject
        {
            ["name"] = t.Plural,
            ["singularName"] = t.Singular,
            ["namespaced"] = t.Namespaced,
            ["kind"] = t.Kind,
            ["verbs"] = new JsonArray(ObjectVerbs.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        };
        if (t.ShortNames.Count > 0)
        {
            resource["shortNames"] = new JsonArray(t.ShortNames.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        if (t.Categories.Count > 0)
        {
            resource["categories"] = new JsonArray(t.Categories.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        resource["storageVersionHash"] = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(t.Key + t.Version)))[..11];
        return resource;
    }

    private static JsonObject Group(string name, IEnumerable<string> served)
    {
        var versions = served.Distinct().OrderByDescending(VersionPriority).ToList();
        var list = new JsonArray(versions.Select(v => (JsonNode?)new JsonObject { ["groupVersion"] = $"{name}/{v}", ["version"] = v }).ToArray());
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    /// <summary>Kubernetes version priority: GA above beta above alpha, higher numbers first.</summary>
    private static int VersionPriority(string v)
    {
        var m = System.Text.RegularExpressions.Regex.Match(v, "^v(\\d+)(?:(alpha|beta)(\\d+))?$");
        if (!m.Success)
        {
            return 0;
        }

        var major = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var stage = m.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        var minor = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (stage * 1000000) + (major * 1000) + minor;
    }
}
