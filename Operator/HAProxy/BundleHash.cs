using System.Security.Cryptography;
using System.Text;

namespace Junction.HAProxy;

/// <summary>
/// The hash of a gateway bundle: the first 16 hex digits of the SHA-256 over every file, sorted
/// by name, each as its name, a NUL, its text and a NUL. It is taken over the files written
/// without the hash lines, since a hash cannot cover itself.
/// </summary>
internal static class BundleHash
{
    /// <summary>Hashes <paramref name="files"/> in name order, whatever order they come in.</summary>
    public static string Of(IEnumerable<BundleFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var digest = new StringBuilder();
        foreach (var file in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            digest.Append(file.Name).Append('\0').Append(file.Text).Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(digest.ToString())))[..16];
    }
}
