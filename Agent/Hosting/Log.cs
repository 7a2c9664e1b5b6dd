using System.Globalization;
using System.Text;

namespace Junction.Agent.Hosting;

/// <summary>
/// Log lines in the Kubernetes wording (capitalised, past tense, key=value pairs) on stderr. The
/// agent carries no logging framework: it references the BCL only, to stay small.
/// </summary>
internal sealed class Log
{
    private readonly TextWriter writer;
    private readonly TimeProvider time;
    private readonly Lock gate = new();

    /// <summary>Writes to <paramref name="writer"/>, stamping lines with <paramref name="time"/>.</summary>
    public Log(TextWriter writer, TimeProvider time)
    {
        this.writer = writer;
        this.time = time;
    }

    /// <summary>An informational line.</summary>
    public void Info(string message, params (string Key, object? Value)[] pairs) => Write("I", message, pairs);

    /// <summary>A line about something that failed and will be retried or reported.</summary>
    public void Warn(string message, params (string Key, object? Value)[] pairs) => Write("W", message, pairs);

    /// <summary>A raw line from HAProxy's own output.</summary>
    public void HAProxy(string line)
    {
        lock (gate)
        {
            writer.WriteLine("haproxy: " + line);
            writer.Flush();
        }
    }

    private void Write(string level, string message, (string Key, object? Value)[] pairs)
    {
        var sb = new StringBuilder();
        sb.Append(level).Append(' ').Append(time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(' ').Append(message);
        foreach (var (key, value) in pairs)
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
            sb.Append(' ').Append(key).Append('=');
            if (text.Length == 0 || text.Any(c => c is ' ' or '"' or '\n' or '='))
            {
                sb.Append('"').Append(text.Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                sb.Append(text);
            }
        }

        lock (gate)
        {
            writer.WriteLine(sb.ToString());
            writer.Flush();
        }
    }
}
