using Xunit;

namespace Junction.ApiServer.Tests.Cel;

/// <summary>The real kubectl applying TrafficPolicies that break a CEL rule prints kube-apiserver's error.</summary>
public sealed class KubectlCelTests : ApiServerTest, IDisposable
{
    private const string TcpWithIngress = """
        apiVersion: traffic.junction.dev/v1alpha1
        kind: TrafficPolicy
        metadata:
          name: shop
          namespace: default
        spec:
          targetRef: {name: checkout, port: 8080}
          protocol: TCP
          ingress:
            hosts: [shop.example.com]
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("junction-kubectl-cel-").FullName;

    protected override ApiServerOptions Options => new() { TimeProvider = Time, CrdPaths = [TrafficPolicyCrd.File()] };

    private string Kubeconfig => Path.Combine(directory, "kubeconfig");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Apply_ViolatingPolicy_PrintsRuleMessage()
    {
        Server.WriteKubeconfig(Kubeconfig);

        var result = await Kubectl.Run(Kubeconfig, $"apply -f {Write("tcp.yaml", TcpWithIngress)}");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            "The TrafficPolicy \"shop\" is invalid: spec: Invalid value: \"object\": an Ingress carries HTTP only; protocol TCP cannot have ingress",
            result.Stderr.Trim());
    }

    [Fact]
    public async Task ApplyServerSide_TwoViolations_PrintsBoth()
    {
        Server.WriteKubeconfig(Kubeconfig);
        var policy = TcpWithIngress.Replace("protocol: TCP", "protocol: TCP\n  rateLimit: {requestsPerSecond: 10, burst: 1}", StringComparison.Ordinal);

        var result = await Kubectl.Run(Kubeconfig, $"apply --server-side -f {Write("two.yaml", policy)}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The TrafficPolicy \"shop\" is invalid: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("* spec: Invalid value: \"object\": an Ingress carries HTTP only; protocol TCP cannot have ingress", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("* spec.rateLimit: Invalid value: \"object\": burst must be at least requestsPerSecond", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_FixedPolicy_IsCreated()
    {
        Server.WriteKubeconfig(Kubeconfig);

        var result = await Kubectl.Run(Kubeconfig, $"apply -f {Write("http.yaml", TcpWithIngress.Replace("TCP", "HTTP", StringComparison.Ordinal))}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("trafficpolicy.traffic.junction.dev/shop created", result.Stdout, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
