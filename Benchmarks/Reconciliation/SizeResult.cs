namespace Junction.Benchmarks.Reconciliation;

/// <summary>One size of the reconcile benchmark: the floor and the operator on the same policies.</summary>
/// <param name="Policies">How many policies.</param>
/// <param name="Floor">Time for the bare client to perform the minimal writes.</param>
/// <param name="FloorWrites">Writes the floor performed.</param>
/// <param name="Converge">Time from the first create until every policy was Programmed.</param>
/// <param name="Writes">Writes the server received until the operator went quiet, the policies' creates included.</param>
/// <param name="EventWrites">Event creates and patches among them.</param>
/// <param name="StatusWrites">Policy status writes among them.</param>
/// <param name="RssBytes">The operator's resident set once quiet.</param>
/// <param name="HeapBytes">The operator's managed heap once quiet.</param>
internal sealed record SizeResult(int Policies, TimeSpan Floor, int FloorWrites, TimeSpan Converge, int Writes, int EventWrites, int StatusWrites, double RssBytes, double HeapBytes)
{
    /// <summary>Milliseconds from each spec change of one policy to its Programmed condition, when measured at this size.</summary>
    public IReadOnlyList<double> Latencies { get; init; } = [];

    /// <summary>Converge time over floor time.</summary>
    public double Ratio => Converge / Floor;
}
