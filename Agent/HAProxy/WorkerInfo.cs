using System.Globalization;

namespace Junction.Agent.HAProxy;

/// <summary>What the running worker says about itself in <c>show info</c>: its pid and the bundle hash it loaded.</summary>
/// <param name="Pid">The worker's pid.</param>
/// <param name="Hash">The <c>hash=</c> of its <c>description</c>, or null when the config carries none.</param>
internal sealed record WorkerInfo(int Pid, string? Hash)
{
    /// <summary>Reads <c>show info</c>'s text; null when it is not a worker's answer (e.g. during a reload).</summary>
    public static WorkerInfo? Parse(string showInfo)
    {
        int? pid = null;
        string? hash = null;
        foreach (var line in showInfo.Split('\n'))
        {
            if (line.StartsWith("Pid: ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(5).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p))
            {
                pid = p;
            }
            else if (line.StartsWith("description: ", StringComparison.OrdinalIgnoreCase))
            {
                hash = HashOf(line);
            }
        }

        return pid is { } found ? new WorkerInfo(found, hash) : null;
    }

    /// <summary>The value of the first <c>hash=</c> word in a line, or null.</summary>
    public static string? HashOf(string line)
    {
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("hash=", StringComparison.Ordinal) && word.Length > 5)
            {
                return word[5..].Trim();
            }
        }

        return null;
    }
}
