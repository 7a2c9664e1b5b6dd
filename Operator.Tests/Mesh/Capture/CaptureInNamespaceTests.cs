using Junction.Mesh.Capture;
using Junction.Tests.HAProxy;
using Junction.Tests.Infrastructure;
using Xunit;

namespace Junction.Tests.Mesh.Capture;

/// <summary>The capture rules applied by the real iptables inside a network namespace the test makes.</summary>
[Trait("Category", "Mesh")]
[Collection(SerialCollection.Name)]
public sealed class CaptureInNamespaceTests
{
    [SkippableFact]
    public async Task Apply_Twice_InstallsTheSameRulesOnce()
    {
        using var pod = NetworkNamespace.TryCreate(out var reason);
        Skip.If(pod is null, reason);
        var runner = new IptablesRunner(["ip", "netns", "exec", pod.Name, "iptables"]);

        Assert.Null(await runner.ApplyAsync(new CaptureOptions { ExcludeInboundPorts = [22] }, CancellationToken.None));
        var first = pod.Exec("iptables-save", "-t", "nat");
        Assert.Null(await runner.ApplyAsync(new CaptureOptions { ExcludeInboundPorts = [22] }, CancellationToken.None));
        var second = pod.Exec("iptables-save", "-t", "nat");

        Assert.Equal(Rules(first), Rules(second));
        Assert.Contains("-A JX_REDIRECT -p tcp -j REDIRECT --to-ports 15001", first, StringComparison.Ordinal);
        Assert.Contains("-A JX_OUTPUT -m owner --uid-owner 1337 -j RETURN", first, StringComparison.Ordinal);
        Assert.Contains("-A JX_INBOUND -p tcp -m tcp --dport 22 -j RETURN", first, StringComparison.Ordinal);
        Assert.Single(Rules(first), r => r == "-A OUTPUT -p tcp -j JX_OUTPUT");
    }

    [SkippableFact]
    public async Task OutgoingConnection_ToAnyAddress_ReachesTheOutboundPortWithItsOriginalDestination()
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        using var pod = NetworkNamespace.TryCreate(out var reason);
        Skip.If(pod is null, reason);
        // A veth pair whose both ends stay in the namespace gives it a route to the "service" address;
        // the connection is redirected before it could leave, and the namespace has no way out anyway.
        pod.Exec("ip", "link", "add", "svc0", "type", "veth", "peer", "name", "svc1");
        pod.Exec("ip", "addr", "add", "10.213.0.1/24", "dev", "svc0");
        pod.Exec("ip", "link", "set", "svc0", "up");
        pod.Exec("ip", "link", "set", "svc1", "up");
        var directory = Directory.CreateTempSubdirectory("junction-capture-").FullName;
        var config = Path.Combine(directory, "haproxy.cfg");
        File.WriteAllText(config, """
            defaults
                mode http
                timeout connect 1s
                timeout client 2s
                timeout server 2s
            frontend outbound
                bind 0.0.0.0:15001
                tcp-request connection reject if { dst_port 15001 15006 15020 15021 }
                http-request return status 200 content-type text/plain lf-string "captured dst=%[dst]:%[dst_port]\n"

            """);
        using var proxy = pod.Start("haproxy", "-f", config);
        try
        {
            Assert.Null(await new IptablesRunner(["ip", "netns", "exec", pod.Name, "iptables"]).ApplyAsync(new CaptureOptions(), CancellationToken.None));
            string? answer = null;
            for (var attempt = 0; attempt < 50 && answer is null; attempt++)
            {
                var (exit, output) = NetworkNamespace.Run("ip", "netns", "exec", pod.Name, "curl", "-s", "--max-time", "2", "http://10.213.0.99:8080/anything");
                answer = exit == 0 ? output : null;
                if (answer is null)
                {
                    await Task.Delay(100);
                }
            }

            Assert.Equal("captured dst=10.213.0.99:8080\n", answer);
        }
        finally
        {
            proxy.Kill(entireProcessTree: true);
            await proxy.WaitForExitAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<string> Rules(string save) =>
        save.Split('\n').Where(l => l.StartsWith("-A ", StringComparison.Ordinal) || l.StartsWith(":JX", StringComparison.Ordinal))
            .Select(l => l.StartsWith(':') ? l.Split(' ')[0] : l).ToList();
}
