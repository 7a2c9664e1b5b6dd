using System.Text.Json.Nodes;
using Junction.ApiServer.Schema.Shapes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Schema;

/// <summary>
/// Generates OpenAPI schemas for the built-in types from their shapes, in the form kube-apiserver publishes:
/// one named schema per type, fields that refer to others by $ref (wrapped in allOf in v3, where a $ref may
/// have no siblings), the special scalar types (Quantity, IntOrString, Time) as named schemas of their own,
/// and x-kubernetes-group-version-kind on every kind.
/// </summary>
internal sealed class OpenApiSchemas
{
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Time = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    public const string MicroTime = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";

    private readonly IBuiltinShapes shapes;
    private readonly bool v3;
    private readonly string refPrefix;

    /// <param name="shapes">Where the types come from.</param>
    /// <param name="v3">OpenAPI v3 (components/schemas, allOf-wrapped references) or v2 (definitions).</param>
    public OpenApiSchemas(IBuiltinShapes shapes, bool v3)
    {
        this.shapes = shapes;
        this.v3 = v3;
        refPrefix = v3 ? "#/components/schemas/" : "#/definitions/";
    }

    /// <summary>True for OpenAPI v3, false for v2.</summary>
    public bool V3 => v3;

    /// <summary>A reference to a named schema, as this version writes one.</summary>
    public string Ref(string name) => refPrefix + name;

    /// <summary>
    /// Adds the schema of a served kind and of every type it reaches to <paramref name="into"/>; false when the
    /// kind has no shape. The kind's schema gains apiVersion and kind (TypeMeta) and its group-version-kind.
    /// </summary>
    public bool AddKind(JsonObject into, ResourceType kind)
    {
        if (shapes.KindType(kind.ApiVersion, kind.Kind) is not { } name || shapes.Type(name) is not { } type)
        {
            return false;
        }

        AddType(into, type.Name);
        var schema = (JsonObject)into[type.Name]!;
        var properties = schema["properties"] as JsonObject ?? [];
        var withTypeMeta = new JsonObject
        {
            ["apiVersion"] = Scalar("APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.", "string"),
            ["kind"] = Scalar("Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.", "string"),
        };
        foreach (var (key, value) in properties.ToList())
        {
            properties.Remove(key);
            withTypeMeta[key] = value;
        }

        schema["properties"] = withTypeMeta;
        var gvks = schema["x-kubernetes-group-version-kind"] as JsonArray ?? [];
        gvks.Add(new JsonObject { ["group"] = kind.Group, ["kind"] = kind.Kind, ["version"] = kind.Version });
        schema["x-kubernetes-group-version-kind"] = gvks;
        return true;
    }

    /// <summary>Adds a type's schema and those of the types it refers to; false when the type is unknown.</summary>
    public bool AddType(JsonObject into, string name)
    {
        if (into.ContainsKey(name))
        {
            return true;
        }

        if (Special(name) is { } special)
        {
            into[name] = special;
            return true;
        }

        if (shapes.Type(name) is not { } type)
        {
            return false;
        }

        var properties = new JsonObject();
        var schema = new JsonObject { ["description"] = type.Description, ["type"] = "object", ["properties"] = properties };
        into[name] = schema;
        var required = new JsonArray();
        foreach (var field in type.Fields)
        {
            properties[field.JsonName] = Field(into, field);
            if (field.Required)
            {
                required.Add(field.JsonName);
            }
        }

        if (required.Count > 0)
        {
            schema["required"] = required;
        }

        return true;
    }

    private JsonObject Field(JsonObject into, ShapeField field)
    {
        var value = Value(into, field, item: field.Repeat != ShapeRepeat.Single);
        var schema = field.Repeat switch
        {
            ShapeRepeat.List => new JsonObject { ["type"] = "array", ["items"] = value },
            ShapeRepeat.Map => new JsonObject { ["type"] = "object", ["additionalProperties"] = value },
            _ => value,
        };
        if (field.Description.Length > 0)
        {
            // kube-apiserver puts the description first; kubectl explain prints it under the field.
            var described = new JsonObject { ["description"] = field.Description };
            foreach (var (key, node) in schema.ToList())
            {
                schema.Remove(key);
                described[key] = node;
            }

            return described;
        }

        return schema;
    }

    /// <summary>One value's schema; <paramref name="item"/> when it is a list item or map value (a bare $ref will do).</summary>
    private JsonObject Value(JsonObject into, ShapeField field, bool item) => field.Value switch
    {
        ShapeValue.String => new JsonObject { ["type"] = "string" },
        ShapeValue.Int32 => new JsonObject { ["type"] = "integer", ["format"] = "int32" },
        ShapeValue.Int64 => new JsonObject { ["type"] = "integer", ["format"] = "int64" },
        ShapeValue.Boolean => new JsonObject { ["type"] = "boolean" },
        ShapeValue.Number => new JsonObject { ["type"] = "number", ["format"] = "double" },
        ShapeValue.Bytes => new JsonObject { ["type"] = "string", ["format"] = "byte" },
        ShapeValue.Json => new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
        ShapeValue.Quantity => Reference(into, Quantity, item),
        ShapeValue.IntOrString => Reference(into, IntOrString, item),
        ShapeValue.Time => Reference(into, Time, item),
        ShapeValue.MicroTime => Reference(into, MicroTime, item),
        _ => field.TypeName is { } name ? Reference(into, name, item) : new JsonObject { ["type"] = "object" },
    };

    private JsonObject Reference(JsonObject into, string name, bool item)
    {
        if (!AddType(into, name))
        {
            return new JsonObject { ["type"] = "object" };
        }

        var reference = new JsonObject { ["$ref"] = Ref(name) };
        return v3 && !item ? new JsonObject { ["allOf"] = new JsonArray(reference) } : reference;
    }

    /// <summary>The scalar types kube-apiserver names: strings with a format, or (in v3) one of two JSON types.</summary>
    private JsonObject? Special(string name) => name switch
    {
        Quantity => v3
            ? new JsonObject
            {
                ["description"] = "A fixed-point number with an optional SI or binary suffix: 500m, 2Gi, 1.5.",
                ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" }),
            }
            : Scalar("A fixed-point number with an optional SI or binary suffix: 500m, 2Gi, 1.5.", "string"),
        IntOrString => v3
            ? new JsonObject
            {
                ["description"] = "An int32 or a string (a port number or name, a count or a percentage).",
                ["format"] = "int-or-string",
                ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" }),
            }
            : new JsonObject { ["description"] = "An int32 or a string (a port number or name, a count or a percentage).", ["type"] = "string", ["format"] = "int-or-string" },
        Time => new JsonObject { ["description"] = "A timestamp in RFC 3339 form, to the second.", ["type"] = "string", ["format"] = "date-time" },
        MicroTime => new JsonObject { ["description"] = "A timestamp in RFC 3339 form, to the microsecond.", ["type"] = "string", ["format"] = "date-time" },
        _ => null,
    };

    private static JsonObject Scalar(string description, string type) => new() { ["description"] = description, ["type"] = type };
}
