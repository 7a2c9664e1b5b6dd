using System.Text;
using System.Threading.Channels;
using k8s;

namespace Junction.Runtime.Tests.Support;

/// <summary>A watch response body written by the test: events, a clean end, or a dropped connection.</summary>
internal sealed class WatchStream : Stream
{
    private readonly Channel<byte[]> chunks = Channel.CreateUnbounded<byte[]>();
    private byte[] current = [];
    private int offset;

    public void Send(string type, object obj) =>
        Write($"{{\"type\":\"{type}\",\"object\":{KubernetesJson.Serialize(obj)}}}\n");

    public void Added(object obj) => Send("ADDED", obj);

    public void Modified(object obj) => Send("MODIFIED", obj);

    public void Deleted(object obj) => Send("DELETED", obj);

    public void Bookmark(string kind, string resourceVersion) =>
        Write($"{{\"type\":\"BOOKMARK\",\"object\":{{\"kind\":\"{kind}\",\"metadata\":{{\"resourceVersion\":\"{resourceVersion}\"}}}}}}\n");

    public void Error(int code, string reason) =>
        Write($"{{\"type\":\"ERROR\",\"object\":{{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":{code},\"reason\":\"{reason}\",\"message\":\"{reason} for the test\"}}}}\n");

    /// <summary>The server closes the stream cleanly (a watch timeout).</summary>
    public void End() => chunks.Writer.TryComplete();

    /// <summary>The connection breaks mid-stream.</summary>
    public void Drop() => chunks.Writer.TryComplete(new IOException("The connection was reset by the test."));

    private void Write(string line) => chunks.Writer.TryWrite(Encoding.UTF8.GetBytes(line));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (offset == current.Length)
        {
            try
            {
                current = await chunks.Reader.ReadAsync(cancellationToken);
                offset = 0;
            }
            catch (ChannelClosedException closed)
            {
                if (closed.InnerException is IOException broken)
                {
                    throw new IOException(broken.Message, broken);
                }
                return 0;
            }
        }
        var count = Math.Min(buffer.Length, current.Length - offset);
        current.AsMemory(offset, count).CopyTo(buffer);
        offset += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        chunks.Writer.TryComplete();
        base.Dispose(disposing);
    }
}
