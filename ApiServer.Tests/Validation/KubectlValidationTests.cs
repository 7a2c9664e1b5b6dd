using Xunit;

namespace Junction.ApiServer.Tests.Validation;

/// <summary>The real kubectl prints the embedded server's refusals in kube-apiserver's words.</summary>
public sealed class KubectlValidationTests : ApiServerTest, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("junction-kubectl-validation-").FullName;

    private string Kubeconfig => Path.Combine(directory, "kubeconfig");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task ApplyDeploymentWithoutContainerName_PrintsKubeApiserversInvalidMessage()
    {
        var manifest = File("web.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                  - image: nginx:1.25
            """);
        Server.WriteKubeconfig(Kubeconfig);

        var result = await Kubectl.Run(Kubeconfig, $"apply -f {manifest}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("The Deployment \"web\" is invalid: spec.template.spec.containers[0].name: Required value", result.Stderr, StringComparison.Ordinal);
        Assert.NotEqual(0, (await Kubectl.Run(Kubeconfig, "get deployment web")).ExitCode);
    }

    [Fact]
    public async Task ApplyServiceWithTwoErrors_PrintsEachCauseOnItsOwnLine()
    {
        var manifest = File("svc.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector:
                app: web
              ports:
              - name: http
                port: 80
                protocol: HTTP
              - name: http
                port: 81
            """);
        Server.WriteKubeconfig(Kubeconfig);

        var result = await Kubectl.Run(Kubeconfig, $"apply -f {manifest}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "The Service \"web\" is invalid: \n* spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"\n* spec.ports[1].name: Duplicate value: \"http\"\n",
            result.Stderr,
            StringComparison.Ordinal);
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }
}
