namespace Junction.ApiServer.Schema.Cel;

/// <summary>The state of one evaluation: variable bindings and the cost spent so far against the per-call limit.</summary>
internal sealed class CelContext(long costLimit)
{
    private readonly List<(string Name, object? Value)> bindings = [];

    /// <summary>Cost units spent, approximating cel-go's actual cost (one per operation, plus traversal of strings and lists).</summary>
    public long Cost { get; private set; }

    public void Bind(string name, object? value) => bindings.Add((name, value));

    public void Unbind() => bindings.RemoveAt(bindings.Count - 1);

    public object? Lookup(string name)
    {
        for (var i = bindings.Count - 1; i >= 0; i--)
        {
            if (bindings[i].Name == name)
            {
                return bindings[i].Value;
            }
        }

        return new CelError($"no such attribute: {name}");
    }

    public void Spend(long units)
    {
        Cost += units;
        if (Cost > costLimit)
        {
            throw new CelCostExceededException();
        }
    }
}
