namespace Junction.Reconciliation;

/// <summary>A reference the policy makes that does not resolve.</summary>
/// <param name="Reason">BackendNotFound, PortNotFound or SecretNotFound.</param>
/// <param name="Message">Names the field and the missing object, e.g. spec.targetRef: Service shop/checkout not found.</param>
internal sealed record ReferenceIssue(string Reason, string Message);
