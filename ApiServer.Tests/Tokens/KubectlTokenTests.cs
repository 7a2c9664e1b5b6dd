using Xunit;

namespace Junction.ApiServer.Tests.Tokens;

/// <summary>kubectl create token (which sends its TokenRequest as protobuf) against the server.</summary>
public sealed class KubectlTokenTests : TokenTest, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("junction-token-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task CreateToken_AudienceDurationAndPod_IssuesATokenTheServerAuthenticates()
    {
        await CreateServiceAccount();
        var pod = await CreatePod("gateway-0");

        var created = await Run("create token proxy --audience junction --audience mesh --duration 10m --bound-object-kind Pod --bound-object-name gateway-0");
        var status = await Review(created.Stdout, "junction");

        Assert.Equal(0, created.ExitCode);
        var claims = Part(created.Stdout, 1);
        Assert.Equal("""["junction","mesh"]""", claims["aud"]!.ToJsonString());
        Assert.Equal(600, Number(claims["exp"]) - Number(claims["iat"]));
        Assert.True(status.Authenticated);
        Assert.Equal(["gateway-0"], status.User.Extra["authentication.kubernetes.io/pod-name"]);
        Assert.Equal([pod.Metadata.Uid], status.User.Extra["authentication.kubernetes.io/pod-uid"]);
    }

    [Fact]
    public async Task CreateToken_Defaults_AnHourForTheApiServer()
    {
        await CreateServiceAccount(ns: "kube-system");

        var created = await Run("create token proxy -n kube-system");

        Assert.Equal(0, created.ExitCode);
        var claims = Part(created.Stdout, 1);
        Assert.Equal($"""["{Issuer}"]""", claims["aud"]!.ToJsonString());
        Assert.Equal(3600, Number(claims["exp"]) - Number(claims["iat"]));
        Assert.Equal("system:serviceaccount:kube-system:proxy", claims["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateToken_MissingServiceAccount_FailsWithNotFound()
    {
        var created = await Run("create token ghost");

        Assert.NotEqual(0, created.ExitCode);
        Assert.Contains("error: failed to create token: serviceaccounts \"ghost\" not found", created.Stderr, StringComparison.Ordinal);
    }

    private async Task<KubectlResult> Run(string arguments) =>
        await Kubectl.Run(Server.WriteKubeconfig(Path.Combine(directory, "kubeconfig")), arguments);
}
