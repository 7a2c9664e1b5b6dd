using System.Security.Cryptography;
using System.Text;

namespace Junction.Ir;

/// <summary>
/// Collision-free names. A policy's proxy-internal prefix is <c>&lt;ns&gt;_&lt;policy&gt;</c>: neither part
/// can contain '_', so distinct policies give distinct prefixes. Long prefixes are cut and end in a
/// hash of the whole, and are one character longer than any uncut prefix, so a cut prefix never
/// equals an uncut one.
/// </summary>
internal static class ProxyNames
{
    /// <summary>Longest uncut proxy-internal prefix.</summary>
    public const int MaxPrefixLength = 40;

    /// <summary>Longest Kubernetes object name that must be a DNS label, and longest label value.</summary>
    public const int MaxLabelLength = 63;

    /// <summary>The proxy-internal name prefix of a policy.</summary>
    public static string Prefix(string policyNamespace, string policyName)
    {
        var whole = Sanitize(policyNamespace) + "_" + Sanitize(policyName);
        if (whole.Length <= MaxPrefixLength)
        {
            return whole;
        }

        return whole[..(MaxPrefixLength - 8)] + "_" + ShortHash(policyNamespace + "/" + policyName);
    }

    /// <summary>
    /// A DNS-1035 label (Service names) built from parts joined by '-'. Dots become '-'; when that
    /// changed anything or the result is too long it is cut and a hash of the parts is appended, so
    /// distinct inputs stay distinct.
    /// </summary>
    public static string DnsLabel(params string[] parts)
    {
        var joined = string.Join("-", parts);
        var cleaned = joined.Replace('.', '-');
        if (cleaned == joined && cleaned.Length <= MaxLabelLength)
        {
            return cleaned;
        }

        var hash = ShortHash(string.Join("/", parts));
        var room = MaxLabelLength - hash.Length - 1;
        var head = cleaned.Length > room ? cleaned[..room] : cleaned;
        return head.TrimEnd('-') + "-" + hash;
    }

    /// <summary>A label value: the text itself when it fits, else cut with a hash appended.</summary>
    public static string LabelValue(string text)
    {
        if (text.Length <= MaxLabelLength)
        {
            return text;
        }

        var hash = ShortHash(text);
        return text[..(MaxLabelLength - hash.Length - 1)].TrimEnd('-', '.', '_') + "-" + hash;
    }

    /// <summary>First 8 hex digits of the SHA-256 of the text.</summary>
    public static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];

    // Kubernetes names are [a-z0-9.-]; anything else (never expected) becomes '-' so a name
    // can never carry a character that HAProxy treats specially.
    private static string Sanitize(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            {
                chars[i] = '-';
            }
        }

        return new string(chars);
    }
}
