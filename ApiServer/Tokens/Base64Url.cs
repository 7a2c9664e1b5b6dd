namespace Junction.ApiServer.Tokens;

/// <summary>Unpadded base64url (RFC 7515's encoding of JWT parts), strict about padding as Go's RawURLEncoding is.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[]? Decode(string text)
    {
        if (text.Length % 4 == 1 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var standard = text.Replace('-', '+').Replace('_', '/');
        standard += new string('=', (4 - (standard.Length % 4)) % 4);
        try
        {
            return Convert.FromBase64String(standard);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
