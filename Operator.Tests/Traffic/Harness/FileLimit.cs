using System.Globalization;

namespace Junction.Tests.Traffic.Harness;

/// <summary>This process's open-file limit, which every process it starts inherits.</summary>
internal static class FileLimit
{
    public static int Soft()
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var field = line?["Max open files".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return field is null or "unlimited" ? int.MaxValue : int.Parse(field, CultureInfo.InvariantCulture);
    }
}
