using System.Text.Json.Nodes;

namespace Junction.ApiServer.Tables;

/// <summary>A Table column with the function that computes its cell for an object.</summary>
internal sealed record TableColumn(string Name, string Type, string Format, string Description, int Priority, Func<JsonObject, DateTimeOffset, JsonNode?> Cell);
