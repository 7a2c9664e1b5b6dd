namespace Junction.Tests.Mesh.Bed;

/// <summary>Requests of one path a <see cref="PodApp"/> holds now, and the most it held at once (updated with Interlocked).</summary>
internal sealed class InFlight
{
#pragma warning disable CA1051 // Fields, so Interlocked can update them in place.
    public int Now;
    public int Max;
#pragma warning restore CA1051
}
