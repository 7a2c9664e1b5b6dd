namespace Junction.Translation;

/// <summary>A reference that does not resolve.</summary>
/// <param name="Reason">BackendNotFound, PortNotFound, SecretNotFound or BackendNotMeshed.</param>
/// <param name="FieldPath">The spec field at fault, e.g. spec.routes[0].backendRefs[1].</param>
/// <param name="Message">Field path, object and namespace in words.</param>
internal sealed record ReferenceProblem(ReferenceReason Reason, string FieldPath, string Message);
