namespace Junction.Runtime.Metrics;

/// <summary>One labelled series of a <see cref="Gauge"/>.</summary>
public sealed class GaugeSeries
{
    private readonly AtomicDouble value = new();

    internal GaugeSeries()
    {
    }

    /// <summary>The current value.</summary>
    public double Value => value.Read();

    /// <summary>Sets the value.</summary>
    public void Set(double newValue) => value.Set(newValue);

    /// <summary>Adds to the value.</summary>
    public void Inc(double amount = 1) => value.Add(amount);

    /// <summary>Subtracts from the value.</summary>
    public void Dec(double amount = 1) => value.Add(-amount);
}
