using Junction.Cli;
using Junction.Tests.HAProxy;
using Junction.Tests.Infrastructure;
using Xunit;

namespace Junction.Tests.Mesh.Sidecar;

/// <summary>
/// Every sidecar case and every workload of every sample renders, through the render verb with
/// --root, a bundle the real haproxy loads (haproxy -c), with identity files from the project's CA.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class SidecarBundleLoadTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("junction-sidecar-load-").FullName;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in SidecarCases.All())
        {
            data.Add(c.Name);
        }

        return data;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public async Task RenderSidecar_Case_LoadsInHAProxy(string name)
    {
        Skip.IfNot(HAProxyProcess.Installed, "haproxy is not on PATH");
        var c = SidecarCases.All().Single(x => x.Name == name);
        var root = Path.Combine(directory, "root");
        var bundle = Path.Combine(root, "etc", "junction", "proxy");
        SidecarIdentity.Write(root, c.Args[Array.IndexOf(c.Args, "--sidecar") + 1]);
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["render", "-f", c.Input, .. c.Args, "--output-dir", bundle, "--root", root, "--nameserver", "127.0.0.1:53"];

        var code = await CommandDispatcher.RunAsync(args, new CliConsole(TextReader.Null, output, error), CancellationToken.None);

        Assert.True(code == 0, "render --sidecar failed: " + error);
        var (exit, text) = HAProxyProcess.Check(Path.Combine(bundle, "haproxy.cfg"));
        Assert.True(exit == 0, $"haproxy -c rejected the bundle of {name}:\n{text}");
        Assert.DoesNotContain("[ALERT]", text, StringComparison.Ordinal);
    }
}
