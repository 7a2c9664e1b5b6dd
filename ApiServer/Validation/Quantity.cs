using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Junction.ApiServer.Validation;

/// <summary>
/// A resource.Quantity: an exact decimal (mantissa × 10^exponent) with the format it was written in, so
/// that requests and limits compare exactly and print in kube-apiserver's canonical form ("0.5" is "500m").
/// </summary>
internal sealed partial class Quantity : IComparable<Quantity>
{
    private static readonly string[] DecimalSuffixes = ["n", "u", "m", string.Empty, "k", "M", "G", "T", "P", "E"];
    private static readonly string[] BinarySuffixes = [string.Empty, "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private Quantity(BigInteger mantissa, int exponent, QuantityFormat format)
    {
        Mantissa = mantissa;
        Exponent = exponent;
        Format = format;
    }

    private enum QuantityFormat
    {
        DecimalSI,
        BinarySI,
        DecimalExponent,
    }

    public BigInteger Mantissa { get; }

    public int Exponent { get; }

    private QuantityFormat Format { get; }

    public int Sign => Mantissa.Sign;

    /// <summary>Parses a quantity, or returns null for text resource.ParseQuantity refuses.</summary>
    public static Quantity? Parse(string text)
    {
        var m = Pattern().Match(text);
        if (!m.Success)
        {
            return null;
        }

        var digits = m.Groups["int"].Value + m.Groups["frac"].Value;
        if (digits.Length == 0)
        {
            return null;
        }

        var mantissa = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (m.Groups["sign"].Value == "-")
        {
            mantissa = -mantissa;
        }

        var exponent = -m.Groups["frac"].Value.Length;
        var suffix = m.Groups["suffix"].Value;
        var format = QuantityFormat.DecimalSI;
        if (suffix.Length == 2 && suffix[1] == 'i')
        {
            format = QuantityFormat.BinarySI;
            mantissa *= BigInteger.Pow(1024, Array.IndexOf(BinarySuffixes, suffix));
        }
        else if (suffix.Length > 0 && suffix[0] is 'e' or 'E')
        {
            format = QuantityFormat.DecimalExponent;
            if (!int.TryParse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e) || Math.Abs(e) > 1000)
            {
                return null;
            }

            exponent += e;
        }
        else if (suffix.Length > 0)
        {
            exponent += (Array.IndexOf(DecimalSuffixes, suffix) - 3) * 3;
        }

        // Quantities keep nano precision and round anything finer up.
        if (exponent < -9)
        {
            var divisor = BigInteger.Pow(10, -9 - exponent);
            var quotient = BigInteger.DivRem(mantissa, divisor, out var remainder);
            mantissa = remainder.IsZero ? quotient : quotient + (mantissa.Sign > 0 ? 1 : 0);
            exponent = -9;
        }

        return new Quantity(mantissa, exponent, format);
    }

    public int CompareTo(Quantity? other)
    {
        if (other is null)
        {
            return 1;
        }

        var shared = Math.Min(Exponent, other.Exponent);
        return (Mantissa * BigInteger.Pow(10, Exponent - shared)).CompareTo(other.Mantissa * BigInteger.Pow(10, other.Exponent - shared));
    }

    /// <summary>True when the value has no fractional part.</summary>
    public bool IsInteger => Exponent >= 0 || BigInteger.Remainder(Mantissa, BigInteger.Pow(10, -Exponent)).IsZero;

    /// <summary>resource.Quantity.String(): the canonical form kube-apiserver prints.</summary>
    public override string ToString()
    {
        if (Mantissa.IsZero)
        {
            return "0";
        }

        if (Format == QuantityFormat.BinarySI && BigInteger.Abs(Scaled(0)) >= 1024 && IsInteger)
        {
            var amount = Scaled(0);
            var power = 0;
            while (power < BinarySuffixes.Length - 1 && BigInteger.Remainder(amount, 1024).IsZero)
            {
                amount /= 1024;
                power++;
            }

            return amount.ToString(CultureInfo.InvariantCulture) + BinarySuffixes[power];
        }

        var mantissa = Mantissa;
        var exponent = Exponent;
        while (BigInteger.Remainder(mantissa, 10).IsZero)
        {
            mantissa /= 10;
            exponent++;
        }

        var extra = ((exponent % 3) + 3) % 3;
        mantissa *= BigInteger.Pow(10, extra);
        exponent -= extra;
        var number = mantissa.ToString(CultureInfo.InvariantCulture);
        if (Format == QuantityFormat.DecimalExponent || exponent < -9 || exponent > 18)
        {
            return exponent == 0 ? number : $"{number}e{exponent.ToString(CultureInfo.InvariantCulture)}";
        }

        return number + DecimalSuffixes[(exponent / 3) + 3];
    }

    private BigInteger Scaled(int exponent) =>
        Exponent >= exponent ? Mantissa * BigInteger.Pow(10, Exponent - exponent) : Mantissa / BigInteger.Pow(10, exponent - Exponent);

    [GeneratedRegex(@"^(?<sign>[+-])?(?<int>[0-9]*)(\.(?<frac>[0-9]*))?(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
