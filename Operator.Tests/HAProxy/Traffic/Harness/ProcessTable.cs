using System.Globalization;
using System.Text.RegularExpressions;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>The master CLI's <c>show proc</c>: reload counts and the current worker.</summary>
internal sealed partial record ProcessTable(int Reloads, int FailedReloads, int CurrentWorker)
{
    // "6943   master   1 [failed: 0]   0d00h10m17s   2.6.12"
    [GeneratedRegex(@"^(\d+)\s+master\s+(\d+)\s+\[failed:\s*(\d+)\]", RegexOptions.Multiline)]
    private static partial Regex MasterLine();

    // The worker that runs the newest config has reloads 0; older ones are still draining.
    [GeneratedRegex(@"^(\d+)\s+worker\s+0\s", RegexOptions.Multiline)]
    private static partial Regex CurrentWorkerLine();

    public static ProcessTable Parse(string text)
    {
        var master = MasterLine().Match(text);
        if (!master.Success)
        {
            throw new FormatException($"unexpected 'show proc' answer: {text}");
        }

        var worker = CurrentWorkerLine().Match(text);
        return new ProcessTable(
            int.Parse(master.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(master.Groups[3].Value, CultureInfo.InvariantCulture),
            worker.Success ? int.Parse(worker.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }
}
