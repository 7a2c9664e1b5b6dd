using System.Globalization;
using System.Text;

namespace Junction.ApiServer.Tokens;

/// <summary>Values printed as Go's fmt prints them in kube-apiserver's messages.</summary>
internal static class GoText
{
    /// <summary>A string as %q (strconv.Quote) prints it: double quotes, with quotes, backslashes and control characters escaped.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
