using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Schema;

/// <summary>
/// The OpenAPI v3 discovery root and one document per group-version: resource paths whose PATCH operation
/// declares fieldValidation (kubectl then validates on the server) and, for custom resources, the schema
/// (what kubectl explain renders).
/// </summary>
internal static class OpenApiDocuments
{
    private const string ObjectMetaRef = "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    public static JsonObject Root(ResourceRegistry registry)
    {
        var paths = new JsonObject();
        foreach (var gv in registry.All().GroupBy(t => GroupVersionPath(t)))
        {
            var hash = Hash(GroupVersion(registry, gv.First().Group, gv.First().Version)!.ToJsonString());
            paths[gv.Key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv.Key}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(ResourceRegistry registry, string group, string version)
    {
        var types = registry.All().Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        var schemas = new JsonObject { ["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"] = ObjectMeta() };
        foreach (var t in types)
        {
            var prefix = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            var collection = t.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{t.Plural}" : $"{prefix}/{t.Plural}";
            paths[collection] = new JsonObject { ["get"] = Operation(t, "list"), ["post"] = Operation(t, "post") };
            paths[collection + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(t, "get"),
                ["put"] = Operation(t, "put"),
                ["patch"] = Operation(t, "patch"),
                ["delete"] = Operation(t, "delete"),
            };
            if (t.IsCustom)
            {
                schemas[SchemaName(t)] = KindSchema(t);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    /// <summary>The components name kube-apiserver gives a custom resource: reversed group, version, kind.</summary>
    public static string SchemaName(ResourceType t) => string.Join('.', t.Group.Split('.').Reverse()) + $".{t.Version}.{t.Kind}";

    private static JsonObject Operation(ResourceType t, string action)
    {
        var parameters = new JsonArray();
        if (action is "patch" or "put" or "post")
        {
            foreach (var name in new[] { "dryRun", "fieldManager", "fieldValidation" })
            {
                parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
            }
        }

        if (action == "patch")
        {
            parameters.Add(new JsonObject { ["name"] = "force", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "boolean", ["uniqueItems"] = true } });
        }

        var op = new JsonObject
        {
            ["operationId"] = $"{action}{t.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(t),
        };
        if (t.IsCustom)
        {
            var content = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = "#/components/schemas/" + SchemaName(t) } } };
            ((JsonObject)op["responses"]!["200"]!)["content"] = content;
        }

        return op;
    }

    private static JsonObject KindSchema(ResourceType t)
    {
        var schema = t.Schema?.DeepClone().AsObject() ?? new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        schema["type"] ??= "object";
        if (schema["properties"] is not JsonObject properties)
        {
            properties = new JsonObject();
            schema["properties"] = properties;
        }

        properties["apiVersion"] = new JsonObject
        {
            ["description"] = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.",
            ["type"] = "string",
        };
        properties["kind"] = new JsonObject
        {
            ["description"] = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.",
            ["type"] = "string",
        };
        properties["metadata"] = new JsonObject
        {
            ["description"] = "Standard object's metadata.",
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = ObjectMetaRef }),
        };
        schema["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(t));
        return schema;
    }

    private static JsonObject ObjectMeta()
    {
        var props = new JsonObject();
        foreach (var (name, type, description) in new[]
        {
            ("name", "string", "Name must be unique within a namespace."),
            ("namespace", "string", "Namespace defines the space within which each name must be unique."),
            ("generateName", "string", "GenerateName is an optional prefix, used by the server, to generate a unique name."),
            ("uid", "string", "UID is the unique in time and space value for this object."),
            ("resourceVersion", "string", "An opaque value that represents the internal version of this object."),
            ("generation", "integer", "A sequence number representing a specific generation of the desired state."),
            ("creationTimestamp", "string", "CreationTimestamp is a timestamp representing the server time when this object was created."),
            ("deletionTimestamp", "string", "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted."),
        })
        {
            props[name] = new JsonObject { ["description"] = description, ["type"] = type };
        }

        foreach (var map in new[] { "labels", "annotations" })
        {
            props[map] = new JsonObject
            {
                ["description"] = $"Map of string keys and values ({map}).",
                ["type"] = "object",
                ["additionalProperties"] = new JsonObject { ["type"] = "string", ["default"] = string.Empty },
            };
        }

        props["finalizers"] = new JsonObject
        {
            ["description"] = "Must be empty before the object is deleted from the registry.",
            ["type"] = "array",
            ["items"] = new JsonObject { ["type"] = "string", ["default"] = string.Empty },
            ["x-kubernetes-list-type"] = "set",
            ["x-kubernetes-patch-strategy"] = "merge",
        };
        return new JsonObject
        {
            ["description"] = "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            ["type"] = "object",
            ["properties"] = props,
        };
    }

    private static JsonObject Gvk(ResourceType t) => new() { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind };

    private static string GroupVersionPath(ResourceType t) => t.Group.Length == 0 ? $"api/{t.Version}" : $"apis/{t.Group}/{t.Version}";

    private static string Hash(string text) => Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(text)))[..128];
}
