using Xunit;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Junction.ApiServer.Model;
using Junction.ApiServer.Protobuf;

namespace Junction.ApiServer.Tests.Protobuf;

/// <summary>kubectl's generator commands, which send protobuf, against the server and against a capturing proxy.</summary>
public sealed class KubectlProtobufTests : ApiServerTest, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("junction-kubectl-proto-").FullName;

    private string Kubeconfig => Path.Combine(directory, "kubeconfig");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task CreateNamespace_IsStoredActive()
    {
        var created = await Run("create namespace demo");
        var ns = await Get("namespace demo");

        Assert.Equal("namespace/demo created\n", created.Stdout);
        Assert.Equal("Active", ns["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateConfigMap_FromLiteral_HoldsTheData()
    {
        await Run("create configmap x --from-literal=a=b --from-literal=empty=");
        var map = await Get("configmap x");

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":"b","empty":""}"""), map["data"]));
    }

    [Fact]
    public async Task CreateSecretGeneric_HoldsTheBase64Data()
    {
        await Run("create secret generic db --from-literal=password=hunter2");
        var secret = await Get("secret db");

        Assert.Equal("Opaque", secret["type"]!.GetValue<string>());
        Assert.Equal("hunter2", Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["password"]!.GetValue<string>())));
    }

    [Fact]
    public async Task CreateSecretTls_HoldsCertificateAndKey()
    {
        using var key = RSA.Create(2048);
        using var certificate = new CertificateRequest("CN=example.com", key, HashAlgorithmName.SHA256, RTSPadding()).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var certPem = certificate.ExportCertificatePem();
        File.WriteAllText(Path.Combine(directory, "tls.crt"), certPem);
        File.WriteAllText(Path.Combine(directory, "tls.key"), key.ExportPkcs8PrivateKeyPem());

        await Run($"create secret tls web-tls --cert={Path.Combine(directory, "tls.crt")} --key={Path.Combine(directory, "tls.key")}");
        var secret = await Get("secret web-tls");

        Assert.Equal("kubernetes.io/tls", secret["type"]!.GetValue<string>());
        Assert.Equal(certPem, Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["tls.crt"]!.GetValue<string>())).TrimEnd('\n'));
        Assert.NotEmpty(secret["data"]!["tls.key"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateSecretDockerRegistry_HoldsTheDockerConfig()
    {
        await Run("create secret docker-registry pull --docker-server=registry.example.com --docker-username=u --docker-password=p");
        var secret = await Get("secret pull");
        var config = JsonNode.Parse(Convert.FromBase64String(secret["data"]![".dockerconfigjson"]!.GetValue<string>()))!;

        Assert.Equal("kubernetes.io/dockerconfigjson", secret["type"]!.GetValue<string>());
        Assert.Equal("u", config["auths"]!["registry.example.com"]!["username"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateServiceAccount_IsStored()
    {
        var created = await Run("create serviceaccount robot");
        var account = await Get("serviceaccount robot");

        Assert.Equal("serviceaccount/robot created\n", created.Stdout);
        Assert.Equal("robot", account["metadata"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("clusterip web --tcp=80:8080", "web", "ClusterIP")]
    [InlineData("nodeport np --tcp=80:8080", "np", "NodePort")]
    [InlineData("loadbalancer lb --tcp=80:8080", "lb", "LoadBalancer")]
    public async Task CreateService_HoldsTypePortsAndSelector(string arguments, string name, string type)
    {
        await Run($"create service {arguments}");
        var service = await Get($"service {name}");
        var port = service["spec"]!["ports"]![0]!;

        Assert.Equal(type, service["spec"]!["type"]!.GetValue<string>());
        Assert.Equal(80, port["port"]!.GetValue<int>());
        Assert.Equal(8080, port["targetPort"]!.GetValue<int>());
        Assert.Equal("80-8080", port["name"]!.GetValue<string>());
        Assert.Equal(name, service["spec"]!["selector"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateServiceExternalName_HoldsTheName()
    {
        await Run("create service externalname ext --external-name=db.example.com");
        var service = await Get("service ext");

        Assert.Equal("ExternalName", service["spec"]!["type"]!.GetValue<string>());
        Assert.Equal("db.example.com", service["spec"]!["externalName"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateDeployment_HoldsReplicasImageAndPort()
    {
        await Run("create deployment web --image=nginx --replicas=2 --port=80");
        var spec = (await Get("deployment web"))["spec"]!;
        var container = spec["template"]!["spec"]!["containers"]![0]!;

        Assert.Equal(2, spec["replicas"]!.GetValue<int>());
        Assert.Equal("web", spec["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
        Assert.Equal("web", spec["template"]!["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal("nginx", container["name"]!.GetValue<string>());
        Assert.Equal("nginx", container["image"]!.GetValue<string>());
        Assert.Equal(80, container["ports"]![0]!["containerPort"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateIngress_HoldsTheRule()
    {
        await Run("create ingress web --rule=example.com/api*=web:80,tls=web-tls");
        var spec = (await Get("ingress web"))["spec"]!;
        var path = spec["rules"]![0]!["http"]!["paths"]![0]!;

        Assert.Equal("example.com", spec["rules"]![0]!["host"]!.GetValue<string>());
        Assert.Equal("/api", path["path"]!.GetValue<string>());
        Assert.Equal("Prefix", path["pathType"]!.GetValue<string>());
        Assert.Equal("web", path["backend"]!["service"]!["name"]!.GetValue<string>());
        Assert.Equal(80, path["backend"]!["service"]!["port"]!["number"]!.GetValue<int>());
        Assert.Equal("web-tls", spec["tls"]![0]!["secretName"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreatePodDisruptionBudget_HoldsSelectorAndBound()
    {
        await Run("create poddisruptionbudget pdb --selector=app=web --min-available=50%");
        var spec = (await Get("poddisruptionbudget pdb"))["spec"]!;

        Assert.Equal("50%", spec["minAvailable"]!.GetValue<string>());
        Assert.Equal("web", spec["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateQuota_HoldsTheHardLimits()
    {
        await Run("create quota q --hard=cpu=1,memory=1G,pods=2");
        var hard = (await Get("quota q"))["spec"]!["hard"]!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"cpu":"1","memory":"1G","pods":"2"}"""), hard));
    }

    /// <summary>
    /// kubectl's protobuf bytes, captured, decode to exactly the JSON kubectl prints for the same
    /// command with --dry-run=client -o json: for kinds the server serves and for those it does not yet.
    /// </summary>
    [Theory]
    [InlineData("create namespace demo")]
    [InlineData("create configmap x --from-literal=a=b")]
    [InlineData("create secret generic s --from-literal=k=v --type=Opaque")]
    [InlineData("create serviceaccount robot")]
    [InlineData("create service nodeport np --tcp=80:8080 --node-port=30080")]
    [InlineData("create service externalname ext --external-name=db.example.com")]
    [InlineData("create deployment web --image=nginx --replicas=0 --port=80")]
    [InlineData("create ingress web --class=haproxy --rule=example.com/=web:80 --default-backend=fallback:http")]
    [InlineData("create poddisruptionbudget pdb --selector=app=web --max-unavailable=1")]
    [InlineData("create quota q --hard=cpu=1,pods=2 --scopes=BestEffort")]
    [InlineData("create job j --image=busybox -- echo hi")]
    [InlineData("create cronjob cj --image=busybox --schedule=\"*/5 * * * *\" --restart=OnFailure -- date")]
    [InlineData("create role r --verb=get,list --resource=pods,configmaps --resource-name=a")]
    [InlineData("create clusterrole cr --verb=get --resource=deployments.apps --non-resource-url=/healthz")]
    [InlineData("create clusterrole agg --aggregation-rule=rbac.example.com/aggregate=true")]
    [InlineData("create rolebinding rb --role=r --user=alice --serviceaccount=default:robot")]
    [InlineData("create clusterrolebinding crb --clusterrole=cr --group=devs")]
    [InlineData("create priorityclass high --value=1000 --description=important --preemption-policy=Never")]
    public async Task CapturedProtobuf_DecodesToTheJsonKubectlMeant(string command)
    {
        await using var proxy = new CapturingProxy(Server.BaseAddress);
        var proxied = Path.Combine(directory, "proxied");
        File.WriteAllText(proxied, Server.Kubeconfig().Replace(Server.BaseAddress.ToString().TrimEnd('/'), proxy.Address.ToString().TrimEnd('/'), StringComparison.Ordinal));

        // Flags go before a container command's "--".
        var split = command.IndexOf(" -- ", StringComparison.Ordinal);
        var dryRun = split < 0 ? $"{command} --dry-run=client -o json" : $"{command[..split]} --dry-run=client -o json{command[split..]}";
        var meant = await Kubectl.Run(proxied, dryRun);
        var sent = await Kubectl.Run(proxied, command);

        Assert.True(meant.ExitCode == 0, meant.ToString());
        Assert.True(sent.ExitCode == 0, sent.ToString());
        var write = proxy.Writes[0];
        Assert.Equal(ProtobufEnvelope.MediaType, write.ContentType);
        var decoded = ProtobufDecoder.DecodeObject(write.Body, BuiltinModel.ForKind);
        var expected = JsonNode.Parse(meant.Stdout)!;
        Assert.True(JsonNode.DeepEquals(expected, decoded), $"kubectl meant {expected.ToJsonString()}\ndecoded      {decoded.ToJsonString()}");
    }

    private static RSASignaturePadding RTSPadding() => RSASignaturePadding.Pkcs1;

    private async Task<JsonObject> Get(string what) => JsonNode.Parse((await Run($"get {what} -o json")).Stdout)!.AsObject();

    private async Task<KubectlResult> Run(string arguments)
    {
        if (!File.Exists(Kubeconfig))
        {
            Server.WriteKubeconfig(Kubeconfig);
        }

        var result = await Kubectl.Run(Kubeconfig, arguments);
        Assert.True(result.ExitCode == 0, $"kubectl {arguments}\n{result}");
        return result;
    }
}
