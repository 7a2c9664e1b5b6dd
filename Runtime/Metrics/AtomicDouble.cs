namespace Junction.Runtime.Metrics;

/// <summary>A double updated with compare-and-swap, so that series need no lock.</summary>
internal sealed class AtomicDouble
{
    private double value;

    public double Read() => Volatile.Read(ref value);

    public void Set(double newValue) => Interlocked.Exchange(ref value, newValue);

    public void Add(double amount)
    {
        var current = Volatile.Read(ref value);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref value, current + amount, current);
            if (seen.Equals(current))
            {
                return;
            }
            current = seen;
        }
    }
}
