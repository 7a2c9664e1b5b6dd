using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Junction.Tests.HAProxy.Traffic.Harness;

/// <summary>A minimal DNS A-record client, to know what the local DNS server answers right now.</summary>
internal static class DnsProbe
{
    public static async Task<IReadOnlyList<IPAddress>?> QueryAAsync(IPEndPoint server, string name, CancellationToken ct)
    {
        using var udp = new UdpClient(AddressFamily.InterNetwork);
        var id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
        await udp.SendAsync(Query(id, name), server, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(500));
        try
        {
            var reply = await udp.ReceiveAsync(timeout.Token);
            return Answers(reply.Buffer, id);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static byte[] Query(ushort id, string name)
    {
        var bytes = new List<byte>();
        var header = new byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(header, id);
        header[2] = 0x01; // recursion desired
        header[5] = 1; // one question
        bytes.AddRange(header);
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        bytes.AddRange([0, 0, 1, 0, 1]); // root, type A, class IN
        return [.. bytes];
    }

    private static IReadOnlyList<IPAddress>? Answers(byte[] m, ushort id)
    {
        if (m.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(m) != id)
        {
            return null;
        }

        var rcode = m[3] & 0x0f;
        var questions = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(4));
        var answers = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(6));
        if (rcode == 3)
        {
            return [];
        }

        var pos = 12;
        for (var q = 0; q < questions; q++)
        {
            pos = SkipName(m, pos) + 4;
        }

        var result = new List<IPAddress>();
        for (var a = 0; a < answers; a++)
        {
            pos = SkipName(m, pos);
            var type = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(pos));
            var length = BinaryPrimitives.ReadUInt16BigEndian(m.AsSpan(pos + 8));
            pos += 10;
            if (type == 1 && length == 4)
            {
                result.Add(new IPAddress(m.AsSpan(pos, 4)));
            }

            pos += length;
        }

        return result;
    }

    private static int SkipName(byte[] m, int pos)
    {
        while (m[pos] != 0)
        {
            if ((m[pos] & 0xc0) == 0xc0)
            {
                return pos + 2;
            }

            pos += m[pos] + 1;
        }

        return pos + 1;
    }
}
