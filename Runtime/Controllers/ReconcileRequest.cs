namespace Junction.Runtime.Controllers;

/// <summary>The work item of a controller: which object to bring to its desired state.</summary>
/// <param name="Namespace">The object's namespace; empty for cluster-scoped objects.</param>
/// <param name="Name">The object's name.</param>
public sealed record ReconcileRequest(string Namespace, string Name)
{
    /// <summary>Parses a cache key, <c>namespace/name</c> or <c>name</c>.</summary>
    public static ReconcileRequest FromKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new ReconcileRequest("", key) : new ReconcileRequest(key[..slash], key[(slash + 1)..]);
    }

    /// <summary>The cache key, <c>namespace/name</c>.</summary>
    public override string ToString() => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";
}
