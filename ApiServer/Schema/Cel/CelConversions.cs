using System.Globalization;
using System.Text;

namespace Junction.ApiServer.Schema.Cel;

/// <summary>The type conversion functions int(), uint(), double(), string(), bool() and bytes().</summary>
internal static class CelConversions
{
    public static object? Convert(string type, object? value) => (type, value) switch
    {
        ("int", long l) => l,
        ("int", ulong u) => u <= long.MaxValue ? (long)u : new CelError("integer overflow"),
        ("int", double d) => d is > -9.2233720368547758E18 and < 9.2233720368547758E18 ? (long)d : new CelError("integer overflow"),
        ("int", string s) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : Failed(s, "int"),
        ("uint", ulong u) => u,
        ("uint", long l) => l >= 0 ? (ulong)l : new CelError("unsigned integer overflow"),
        ("uint", double d) => d is >= 0 and < 1.8446744073709552E19 ? (ulong)d : new CelError("unsigned integer overflow"),
        ("uint", string s) => ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : Failed(s, "uint"),
        ("double", double d) => d,
        ("double", long l) => (double)l,
        ("double", ulong u) => (double)u,
        ("double", string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : Failed(s, "double"),
        ("string", string s) => s,
        ("string", long or ulong or bool or double) => CelValues.Display(value!),
        ("string", byte[] b) => Encoding.UTF8.GetString(b),
        ("bool", bool b) => b,
        ("bool", string s) => s switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            _ => Failed(s, "bool"),
        },
        ("bytes", byte[] b) => b,
        ("bytes", string s) => Encoding.UTF8.GetBytes(s),
        _ => CelError.NoSuchOverload,
    };

    private static CelError Failed(string text, string type) => new($"type conversion error from 'string' to '{type}': {text}");
}
