using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Junction.ApiServer.Schema.Shapes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Schema;

/// <summary>
/// The OpenAPI v3 discovery root, one v3 document per group-version, and the v2 document: resource paths whose
/// PATCH operation declares fieldValidation (kubectl then validates on the server) and the schemas kubectl
/// explain renders: a custom resource's from its CRD, a built-in kind's generated from its shape.
/// </summary>
/// <remarks>
/// PATCH operations declare no request body, so kubectl apply does not compute strategic merge patches from these
/// schemas (they carry no patch merge keys) and uses the Go types compiled into it, as it does for a missing v2.
/// </remarks>
internal static class OpenApiDocuments
{
    private const string ObjectMetaName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    public static JsonObject Root(ResourceRegistry registry, IBuiltinShapes shapes)
    {
        var paths = new JsonObject();
        foreach (var gv in registry.All().GroupBy(t => GroupVersionPath(t)))
        {
            var hash = Hash(GroupVersion(registry, shapes, gv.First().Group, gv.First().Version)!.ToJsonString());
            paths[gv.Key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv.Key}?hash={hash}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    public static JsonObject? GroupVersion(ResourceRegistry registry, IBuiltinShapes shapes, string group, string version)
    {
        var types = registry.All().Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var (paths, schemas) = PathsAndSchemas(types, new OpenApiSchemas(shapes, v3: true));
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    /// <summary>The swagger 2.0 document: every served kind's paths and definitions in one.</summary>
    public static JsonObject V2(ResourceRegistry registry, IBuiltinShapes shapes)
    {
        var (paths, definitions) = PathsAndSchemas(registry.All(), new OpenApiSchemas(shapes, v3: false));
        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["definitions"] = definitions,
        };
    }

    private static (JsonObject Paths, JsonObject Schemas) PathsAndSchemas(IReadOnlyList<ResourceType> types, OpenApiSchemas generator)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        if (!generator.AddType(schemas, ObjectMetaName))
        {
            schemas[ObjectMetaName] = ObjectMeta();
        }

        foreach (var t in types)
        {
            var described = true;
            if (t.IsCustom)
            {
                schemas[SchemaName(t)] = KindSchema(t, generator.Ref(ObjectMetaName));
            }
            else
            {
                described = generator.AddKind(schemas, t);
            }

            var schemaRef = described ? generator.Ref(t.IsCustom ? SchemaName(t) : SchemaNameOf(schemas, t)) : null;
            var prefix = t.Group.Length == 0 ? $"/api/{t.Version}" : $"/apis/{t.Group}/{t.Version}";
            var collection = t.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{t.Plural}" : $"{prefix}/{t.Plural}";
            var v3 = generator.V3;
            paths[collection] = new JsonObject { ["get"] = Operation(t, "list", null, v3), ["post"] = Operation(t, "post", schemaRef, v3) };
            paths[collection + "/{name}"] = new JsonObject
            {
                ["get"] = Operation(t, "get", schemaRef, v3),
                ["put"] = Operation(t, "put", schemaRef, v3),
                ["patch"] = Operation(t, "patch", schemaRef, v3),
                ["delete"] = Operation(t, "delete", null, v3),
            };
        }

        return (paths, schemas);
    }

    /// <summary>The name of the generated schema that carries a built-in kind's group-version-kind.</summary>
    private static string SchemaNameOf(JsonObject schemas, ResourceType t) =>
        schemas.First(s => s.Value?["x-kubernetes-group-version-kind"] is JsonArray gvks
            && gvks.Any(g => g?["kind"]?.GetValue<string>() == t.Kind && g["group"]?.GetValue<string>() == t.Group && g["version"]?.GetValue<string>() == t.Version)).Key;

    /// <summary>The components name kube-apiserver gives a custom resource: reversed group, version, kind.</summary>
    public static string SchemaName(ResourceType t) => string.Join('.', t.Group.Split('.').Reverse()) + $".{t.Version}.{t.Kind}";

    private static JsonObject Operation(ResourceType t, string action, string? schemaRef, bool v3)
    {
        var parameters = new JsonArray();
        if (action is "patch" or "put" or "post")
        {
            foreach (var name in new[] { "dryRun", "fieldManager", "fieldValidation" })
            {
                parameters.Add(QueryParameter(name, "string", v3));
            }
        }

        if (action == "patch")
        {
            parameters.Add(QueryParameter("force", "boolean", v3));
        }

        var op = new JsonObject
        {
            ["operationId"] = $"{action}{t.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = Gvk(t),
        };
        if (schemaRef is not null)
        {
            var ok = (JsonObject)op["responses"]!["200"]!;
            if (v3)
            {
                ok["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = schemaRef } } };
            }
            else
            {
                ok["schema"] = new JsonObject { ["$ref"] = schemaRef };
            }
        }

        return op;
    }

    private static JsonObject QueryParameter(string name, string type, bool v3) => v3
        ? new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true } }
        : new JsonObject { ["name"] = name, ["in"] = "query", ["type"] = type, ["uniqueItems"] = true };

    private static JsonObject KindSchema(ResourceType t, string objectMetaRef)
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
            ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = objectMetaRef }),
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
