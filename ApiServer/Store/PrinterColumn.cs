namespace Junction.ApiServer.Store;

/// <summary>A Table column: a name, a type (string, integer, date, ...) and a JSONPath into the object.</summary>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, string Description, int Priority);
