namespace Junction.Runtime.Metrics;

/// <summary>One labelled series of a <see cref="Counter"/>.</summary>
public sealed class CounterSeries
{
    private readonly AtomicDouble value = new();

    internal CounterSeries()
    {
    }

    /// <summary>The current value.</summary>
    public double Value => value.Read();

    /// <summary>Adds a non-negative amount.</summary>
    public void Inc(double amount = 1)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A counter can only increase.");
        }
        value.Add(amount);
    }
}
