namespace Junction.ApiServer.Patching;

/// <summary>One metadata.managedFields entry: who set which fields, by which operation, through which subresource.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Time, string Subresource, FieldSet Fields);
