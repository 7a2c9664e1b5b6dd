using System.Text.Json.Nodes;
using Junction.ApiServer.Schema.Cel;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Semantics;

/// <summary>Turns a CustomResourceDefinition into the resource types it serves, and writes the status the CRD controllers would.</summary>
internal static class CrdTypes
{
    public static IEnumerable<FieldError> Validate(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject;
        var group = spec?["group"]?.GetValue<string>();
        var plural = spec?["names"]?["plural"]?.GetValue<string>();
        if (string.IsNullOrEmpty(group))
        {
            yield return FieldError.Required("spec.group");
        }

        if (string.IsNullOrEmpty(plural))
        {
            yield return FieldError.Required("spec.names.plural");
        }

        if (string.IsNullOrEmpty(spec?["names"]?["kind"]?.GetValue<string>()))
        {
            yield return FieldError.Required("spec.names.kind");
        }

        if (spec?["scope"]?.GetValue<string>() is not ("Namespaced" or "Cluster"))
        {
            yield return FieldError.NotSupported("spec.scope", spec?["scope"]?.ToJsonString() ?? "\"\"", ["Cluster", "Namespaced"]);
        }

        if (group is not null && plural is not null && Meta.Name(crd) != $"{plural}.{group}")
        {
            yield return FieldError.Invalid("metadata.name", $"\"{Meta.Name(crd)}\"", "must be spec.names.plural+\".\"+spec.group");
        }

        if (spec?["versions"] is not JsonArray versions || versions.Count == 0)
        {
            yield return FieldError.Required("spec.versions");
        }
        else if (versions.Count(v => v?["storage"]?.GetValue<bool>() == true) != 1)
        {
            yield return FieldError.Invalid("spec.versions", "[]apiextensions.CustomResourceDefinitionVersion{...}", "must have exactly one version marked as storage version");
        }
    }

    public static IReadOnlyList<ResourceType> Types(JsonObject crd)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.AsObject();
        var result = new List<ResourceType>();
        foreach (var v in spec["versions"]!.AsArray().OfType<JsonObject>().Where(v => v["served"]?.GetValue<bool>() != false))
        {
            var schema = v["schema"]?["openAPIV3Schema"]?.DeepClone().AsObject();
            result.Add(new ResourceType(
                spec["group"]!.GetValue<string>(),
                v["name"]!.GetValue<string>(),
                names["plural"]!.GetValue<string>(),
                names["singular"]?.GetValue<string>() ?? names["kind"]!.GetValue<string>().ToLowerInvariant(),
                names["kind"]!.GetValue<string>(),
                spec["scope"]?.GetValue<string>() != "Cluster",
                Strings(names["shortNames"]),
                Strings(names["categories"]),
                v["subresources"]?["status"] is not null,
                true,
                schema,
                Columns(v["additionalPrinterColumns"] as JsonArray))
            {
                Validations = CelCrdRules.Validator(schema),
                Scale = ScalePaths.From(v["subresources"]?["scale"] as JsonObject),
            });
        }

        return result;
    }

    /// <summary>Sets the status the apiextensions controllers write: names accepted, established, stored versions.</summary>
    public static void SetStatus(JsonObject crd, string now)
    {
        var spec = crd["spec"]!.AsObject();
        var storage = spec["versions"]!.AsArray().OfType<JsonObject>().First(v => v["storage"]?.GetValue<bool>() == true)["name"]!.GetValue<string>();
        var stored = (crd["status"]?["storedVersions"] as JsonArray)?.Select(s => s!.GetValue<string>()).ToList() ?? [];
        if (!stored.Contains(storage))
        {
            stored.Add(storage);
        }

        var acceptedNames = spec["names"]!.DeepClone().AsObject();
        acceptedNames["singular"] ??= acceptedNames["kind"]!.GetValue<string>().ToLowerInvariant();
        acceptedNames["listKind"] ??= acceptedNames["kind"]!.GetValue<string>() + "List";
        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["acceptedNames"] = acceptedNames,
            ["storedVersions"] = new JsonArray(stored.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static IReadOnlyList<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(s => s!.GetValue<string>()).ToList() : [];

    private static IReadOnlyList<PrinterColumn> Columns(JsonArray? columns) =>
        columns?.OfType<JsonObject>().Select(c => new PrinterColumn(
            c["name"]!.GetValue<string>(),
            c["type"]?.GetValue<string>() ?? "string",
            c["jsonPath"]!.GetValue<string>(),
            c["description"]?.GetValue<string>() ?? string.Empty,
            (int)(c["priority"]?.Long() ?? 0))).ToList() ?? [];
}
