namespace Junction.Validation;

/// <summary>One problem with a policy, at a Kubernetes-style field path such as spec.routes[1].backendRefs[0].weight.</summary>
/// <param name="Path">The JSON field path, e.g. spec.ingress.hosts[0].</param>
/// <param name="Message">What is wrong, e.g. must be between 0 and 1000.</param>
public sealed record FieldProblem(string Path, string Message)
{
    /// <summary>"&lt;path&gt;: &lt;message&gt;".</summary>
    public override string ToString() => $"{Path}: {Message}";
}
