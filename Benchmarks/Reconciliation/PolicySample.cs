using System.Text.Json.Nodes;

namespace Junction.Benchmarks.Reconciliation;

/// <summary>
/// What the operator wrote for one converged policy: its children as created (server-set fields
/// removed) and its final status, as JSON text in which the policy's name and uid are placeholders
/// to be replaced for another policy of the same shape.
/// </summary>
/// <param name="Name">The sampled policy's name, replaced by the name of each policy made from it.</param>
/// <param name="Uid">The sampled policy's uid, replaced by the uid of each policy made from it.</param>
/// <param name="Children">Each child's collection path and JSON, in the order the operator created them.</param>
/// <param name="Status">The policy's status once converged.</param>
internal sealed record PolicySample(string Name, string Uid, IReadOnlyList<(string CollectionPath, string Json)> Children, string Status)
{
    /// <summary>The children for the policy <paramref name="name"/> with uid <paramref name="uid"/>.</summary>
    public IEnumerable<(string CollectionPath, string Json)> ChildrenFor(string name, string uid) =>
        Children.Select(c => (c.CollectionPath, c.Json.Replace(Name, name, StringComparison.Ordinal).Replace(Uid, uid, StringComparison.Ordinal)));

    /// <summary>The converged status for the policy <paramref name="name"/>.</summary>
    public JsonNode StatusFor(string name) => JsonNode.Parse(Status.Replace(Name, name, StringComparison.Ordinal))!;
}
