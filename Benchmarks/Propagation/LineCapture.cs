using System.Text;

namespace Junction.Benchmarks.Propagation;

/// <summary>What the local run prints, kept (to find the proxies' addresses) and passed on to stdout.</summary>
internal sealed class LineCapture : TextWriter
{
    private readonly StringBuilder text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (text)
            {
                return text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (text)
        {
            text.Append(value);
        }

        Console.Out.Write(value);
    }

    public override void Write(string? value)
    {
        lock (text)
        {
            text.Append(value);
        }

        Console.Out.Write(value);
    }

    public override void WriteLine(string? value) => Write(value + "\n");
}
