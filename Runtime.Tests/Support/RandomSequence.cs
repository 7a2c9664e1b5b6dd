namespace Junction.Runtime.Tests.Support;

/// <summary>
/// A randomness source that returns the given values in order and fails on one draw more,
/// so a test pins every jitter and also notices a draw it did not expect.
/// </summary>
internal sealed class RandomSequence(params double[] values)
{
    private int index;

    public int Draws => index;

    public double Next() => index < values.Length
        ? values[index++]
        : throw new InvalidOperationException($"Drew random value {index + 1}; the test supplied {values.Length}.");
}
