using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Junction.Hosting.Local;

/// <summary>
/// The cluster DNS of a local run with real proxies: a UDP server on loopback that answers the
/// proxies' resolvers for Service names from <see cref="LocalDnsRecords"/>. A name answers A
/// records (one per distinct address) and, as <c>_port._tcp.&lt;name&gt;</c>, SRV records carrying
/// each endpoint's own port with its A record in the additional section, which is how HAProxy's
/// <c>server-template</c> finds a named targetPort. Other types of a known name get an empty answer;
/// unknown names NXDOMAIN. Nothing is forwarded.
/// </summary>
internal sealed class LocalDnsServer : IAsyncDisposable
{
    private const ushort TypeA = 1;
    private const ushort TypeSrv = 33;
    private const ushort ClassIn = 1;
    private const uint Ttl = 5;
    private const string EndpointLabel = "ep-";

    private readonly UdpClient socket;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private LocalDnsRecords records = LocalDnsRecords.Empty;

    private LocalDnsServer(UdpClient socket)
    {
        this.socket = socket;
        serving = ServeAsync(stop.Token);
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint Endpoint => (IPEndPoint)socket.Client.LocalEndPoint!;

    /// <summary>Starts a server on <paramref name="bind"/> (port 0 picks a free one).</summary>
    public static LocalDnsServer Start(IPEndPoint bind) => new(new UdpClient(bind));

    /// <summary>Replaces every record at once; queries after this see only the new set.</summary>
    public void Publish(LocalDnsRecords next) => Volatile.Write(ref records, next);

    /// <summary>Builds the answer to one query message; null for what is not a query.</summary>
    public static byte[]? Answer(ReadOnlySpan<byte> query, LocalDnsRecords records)
    {
        if (query.Length < 12 || (query[2] & 0x80) != 0 || BinaryPrimitives.ReadUInt16BigEndian(query[4..]) != 1)
        {
            return null;
        }

        var offset = 12;
        if (ReadName(query, ref offset) is not { } name || offset + 4 > query.Length)
        {
            return null;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(query[offset..]);
        var question = query[12..(offset + 4)];
        var answers = new List<byte[]>();
        var additional = new List<byte[]>();
        var known = Resolve(name, type, records, answers, additional);

        var response = new List<byte>(512);
        response.AddRange(query[..2].ToArray());
        // QR, the query's opcode and RD, RA; AA because this server is the authority; rcode 3 = NXDOMAIN.
        response.Add((byte)(0x84 | (query[2] & 0x79)));
        response.Add((byte)(0x80 | (known ? 0 : 3)));
        AddUInt16(response, 1);
        AddUInt16(response, (ushort)answers.Count);
        AddUInt16(response, 0);
        AddUInt16(response, (ushort)additional.Count);
        response.AddRange(question.ToArray());
        answers.ForEach(response.AddRange);
        additional.ForEach(response.AddRange);
        return [.. response];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        socket.Dispose();
        await serving.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
        stop.Dispose();
    }

    private static bool Resolve(string name, ushort type, LocalDnsRecords records, List<byte[]> answers, List<byte[]> additional)
    {
        if (records.Endpoints.TryGetValue(name, out var endpoints))
        {
            if (type == TypeA)
            {
                answers.AddRange(endpoints.Select(e => e.Address).Distinct().Select(a => ARecord(name, a)));
            }

            return true;
        }

        // _port._tcp.<name>: one SRV per endpoint, its target an ep-<address>-<port>.<name> A record.
        var parts = name.Split('.', 3);
        if (parts.Length == 3 && parts[0].StartsWith('_') && parts[1] == "_tcp" && records.Endpoints.TryGetValue(parts[2], out var served))
        {
            if (type == TypeSrv)
            {
                foreach (var e in served)
                {
                    var target = EndpointLabel + e.Address.ToString().Replace('.', '-') + "-" + e.Port + "." + parts[2];
                    answers.Add(SrvRecord(name, (ushort)e.Port, target));
                    additional.Add(ARecord(target, e.Address));
                }
            }

            return true;
        }

        // The target of an SRV record, asked for on its own.
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && name.StartsWith(EndpointLabel, StringComparison.Ordinal) && records.Endpoints.TryGetValue(name[(dot + 1)..], out var owners))
        {
            var match = owners.FirstOrDefault(e => EndpointLabel + e.Address.ToString().Replace('.', '-') + "-" + e.Port == name[..dot]);
            if (match is not null && type == TypeA)
            {
                answers.Add(ARecord(name, match.Address));
            }

            return match is not null;
        }

        return false;
    }

    private static byte[] ARecord(string name, IPAddress address)
    {
        var record = new List<byte>();
        AddName(record, name);
        AddUInt16(record, TypeA);
        AddUInt16(record, ClassIn);
        AddUInt32(record, Ttl);
        AddUInt16(record, 4);
        record.AddRange(address.MapToIPv4().GetAddressBytes());
        return [.. record];
    }

    private static byte[] SrvRecord(string name, ushort port, string target)
    {
        var data = new List<byte>();
        AddUInt16(data, 0);
        AddUInt16(data, 10);
        AddUInt16(data, port);
        AddName(data, target);
        var record = new List<byte>();
        AddName(record, name);
        AddUInt16(record, TypeSrv);
        AddUInt16(record, ClassIn);
        AddUInt32(record, Ttl);
        AddUInt16(record, (ushort)data.Count);
        record.AddRange(data);
        return [.. record];
    }

    // Questions are never compressed; a pointer or an over-long label is refused.
    private static string? ReadName(ReadOnlySpan<byte> message, ref int offset)
    {
        var labels = new List<string>();
        while (offset < message.Length)
        {
            int length = message[offset++];
            if (length == 0)
            {
                return string.Join('.', labels).ToLowerInvariant();
            }

            if (length > 63 || offset + length > message.Length)
            {
                return null;
            }

            labels.Add(Encoding.ASCII.GetString(message.Slice(offset, length)));
            offset += length;
        }

        return null;
    }

    private static void AddName(List<byte> to, string name)
    {
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            to.Add((byte)label.Length);
            to.AddRange(Encoding.ASCII.GetBytes(label));
        }

        to.Add(0);
    }

    private static void AddUInt16(List<byte> to, ushort value)
    {
        to.Add((byte)(value >> 8));
        to.Add((byte)value);
    }

    private static void AddUInt32(List<byte> to, uint value)
    {
        AddUInt16(to, (ushort)(value >> 16));
        AddUInt16(to, (ushort)value);
    }

    private async Task ServeAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await socket.ReceiveAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP "port unreachable" from an earlier answer's sender; keep serving.
                continue;
            }

            if (Answer(received.Buffer, Volatile.Read(ref records)) is { } answer)
            {
                try
                {
                    await socket.SendAsync(answer, received.RemoteEndPoint, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The asker is gone; its resolver retries.
                }
            }
        }
    }
}
