using System.Globalization;
using System.Text.Json.Nodes;
using Junction.ApiServer.Store;

namespace Junction.ApiServer.Tables;

/// <summary>Builds meta.k8s.io/v1 Table responses (what kubectl get asks for) from objects.</summary>
internal static class TableBuilder
{
    public static IReadOnlyList<TableColumn> Columns(ResourceType type)
    {
        if (!type.IsCustom)
        {
            return BuiltinColumns.For(type.Key);
        }

        if (type.PrinterColumns.Count == 0)
        {
            return [BuiltinColumns.Name, BuiltinColumns.Age];
        }

        return [BuiltinColumns.Name, .. type.PrinterColumns.Select(Custom)];
    }

    public static JsonObject Build(ResourceType type, IEnumerable<JsonObject> items, long resourceVersion, string? continueToken, string includeObject, DateTimeOffset now)
    {
        var columns = Columns(type);
        var definitions = new JsonArray(columns.Select(c => (JsonNode?)new JsonObject
        {
            ["name"] = c.Name,
            ["type"] = c.Type == "date" && type.IsCustom ? "string" : c.Type,
            ["format"] = c.Format,
            ["description"] = c.Description,
            ["priority"] = c.Priority,
        }).ToArray());
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var row = new JsonObject { ["cells"] = new JsonArray(columns.Select(c => Cell(c, item, now, type.IsCustom)).ToArray()) };
            var shown = Embedded(type, item, includeObject);
            if (shown is not null)
            {
                row["object"] = shown;
            }

            rows.Add(row);
        }

        var meta = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            meta["continue"] = continueToken;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = meta,
            ["columnDefinitions"] = definitions,
            ["rows"] = rows,
        };
    }

    /// <summary>Custom resources' date columns are served as ages; built-in date columns (CRD "Created At") as timestamps.</summary>
    private static JsonNode? Cell(TableColumn column, JsonObject item, DateTimeOffset now, bool agesForDates)
    {
        var value = column.Cell(item, now);
        if (agesForDates && column.Type == "date" && value is JsonValue v && v.TryGetValue<string>(out var timestamp))
        {
            return HumanDuration.Since(timestamp, now);
        }

        return value?.DeepClone();
    }

    private static JsonObject? Embedded(ResourceType type, JsonObject item, string includeObject) => includeObject switch
    {
        "None" => null,
        "Object" => Semantics.ResourceService.View(type, item),
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = item["metadata"]?.DeepClone(),
        },
    };

    private static TableColumn Custom(PrinterColumn column) =>
        new(column.Name, column.Type, string.Empty, column.Description, column.Priority, (o, _) => Value(o, column));

    private static JsonNode? Value(JsonObject obj, PrinterColumn column)
    {
        var found = JsonPathExpression.Evaluate(obj, column.JsonPath);
        if (found.Count == 0)
        {
            return null;
        }

        var first = found[0];
        return column.Type switch
        {
            "integer" or "number" or "boolean" when first is JsonValue => first.DeepClone(),
            _ => JsonPathExpression.Text(first),
        };
    }
}
