using System.Globalization;

namespace Junction.Agent.HAProxy;

/// <summary>The master's reload counters from <c>show proc</c> (<c>&lt;pid&gt; master &lt;reloads&gt; [failed: N]</c>).</summary>
/// <param name="Reloads">Reloads the master has done.</param>
/// <param name="Failed">Those whose new config did not load.</param>
internal sealed record MasterStatus(int Reloads, int Failed)
{
    /// <summary>Reads <c>show proc</c>'s text; null when the master line is missing.</summary>
    public static MasterStatus? Parse(string showProc)
    {
        foreach (var line in showProc.Split('\n'))
        {
            var words = line.Split([' ', '\t', '[', ']', ':'], StringSplitOptions.RemoveEmptyEntries);
            // 14716  master  2 [failed: 1]  0d00h00m17s  2.6.12
            if (words.Length >= 5 && words[1] == "master" && words[3] == "failed" &&
                int.TryParse(words[2], NumberStyles.None, CultureInfo.InvariantCulture, out var reloads) &&
                int.TryParse(words[4], NumberStyles.None, CultureInfo.InvariantCulture, out var failed))
            {
                return new MasterStatus(reloads, failed);
            }
        }

        return null;
    }
}
