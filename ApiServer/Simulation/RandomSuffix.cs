using System.Security.Cryptography;

namespace Junction.ApiServer.Simulation;

/// <summary>Five characters of kube's name alphabet from the injected generator, as generateName adds them.</summary>
internal sealed class RandomSuffix(RandomNumberGenerator random)
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public string Next()
    {
        var bytes = new byte[5];
        lock (random)
        {
            random.GetBytes(bytes);
        }

        return new string(bytes.Select(b => Alphabet[b % Alphabet.Length]).ToArray());
    }
}
