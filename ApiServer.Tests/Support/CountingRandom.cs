using System.Security.Cryptography;

namespace Junction.ApiServer.Tests.Support;

/// <summary>A generator whose bytes are 0, 1, 2, ... so token IDs are predictable.</summary>
public sealed class CountingRandom : RandomNumberGenerator
{
    private byte next;

    public override void GetBytes(byte[] data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = next++;
        }
    }
}
