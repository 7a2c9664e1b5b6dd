using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using Junction.Hosting.Local;
using Junction.Tests.HAProxy.Traffic.Harness;
using Xunit;

namespace Junction.Tests.Hosting.Local;

/// <summary>The local run's DNS, asked by the consumer it exists for: HAProxy's resolvers.</summary>
public sealed class LocalDnsServerTests
{
    private const string Twin = "checkout-canary-1a2b3c4d.shop.svc.cluster.local";

    [SkippableFact]
    public async Task HAProxyServerTemplates_ResolveARecordsAndSrvPorts_AndFollowAPublishedChange()
    {
        Skip.IfNot(HAProxyInstance.IsInstalled, "haproxy is not installed");
        await using var dns = LocalDnsServer.Start(new IPEndPoint(IPAddress.Loopback, 0));
        dns.Publish(Records(Twin, "127.0.0.11:9001", "127.0.0.12:9002"));
        var directory = Directory.CreateTempSubdirectory("junction-localdns-");
        try
        {
            var config = $"""
                global
                    stats socket "{directory.FullName}/admin.sock" mode 600 level admin
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                resolvers local
                    nameserver dns {dns.Endpoint}
                    accepted_payload_size 8192
                    timeout resolve 100ms
                    timeout retry 100ms
                    hold valid 1s
                    hold obsolete 1s
                    hold nx 1s
                backend by_a
                    server-template a_ 4 {Twin}:8080 init-addr none resolvers local resolve-prefer ipv4
                backend by_srv
                    server-template s_ 4 _http._tcp.{Twin} init-addr none resolvers local resolve-prefer ipv4
                backend unknown
                    server-template u_ 2 nothing.shop.svc.cluster.local:8080 init-addr none resolvers local resolve-prefer ipv4
                """;
            using var haproxy = await HAProxyInstance.StartAsync(config + "\n", directory.FullName, [], CancellationToken.None);

            await WaitForAsync(haproxy, "by_a", ["127.0.0.11:8080", "127.0.0.12:8080"]);
            await WaitForAsync(haproxy, "by_srv", ["127.0.0.11:9001", "127.0.0.12:9002"]);
            Assert.DoesNotContain(await haproxy.ServersAsync(CancellationToken.None), s => s.Backend == "unknown" && s.IsUp);

            dns.Publish(Records(Twin, "127.0.0.13:9003"));
            await WaitForAsync(haproxy, "by_a", ["127.0.0.13:8080"]);
            await WaitForAsync(haproxy, "by_srv", ["127.0.0.13:9003"]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void NotAQuery_GetsNoAnswer()
    {
        Assert.Null(LocalDnsServer.Answer([0, 1, 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0], LocalDnsRecords.Empty));
        Assert.Null(LocalDnsServer.Answer([0, 1, 2], LocalDnsRecords.Empty));
    }

    private static LocalDnsRecords Records(string name, params string[] endpoints) =>
        new(ImmutableDictionary<string, ImmutableArray<IPEndPoint>>.Empty.Add(name, [.. endpoints.Select(IPEndPoint.Parse)]));

    private static async Task WaitForAsync(HAProxyInstance haproxy, string backend, string[] expected)
    {
        var clock = Stopwatch.StartNew();
        string[] seen = [];
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            seen = (await haproxy.ServersAsync(CancellationToken.None))
                .Where(s => s.Backend == backend && s.IsUp)
                .Select(s => s.Endpoint)
                .Order(StringComparer.Ordinal)
                .ToArray();
            if (seen.SequenceEqual(expected))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{backend}: expected {string.Join(",", expected)}, saw {string.Join(",", seen)}");
    }
}
