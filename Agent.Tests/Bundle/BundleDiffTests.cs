using Junction.Agent.Api;
using Junction.Agent.Bundle;

namespace Junction.Agent.Tests.Bundle;

public sealed class BundleDiffTests
{
    private static ConfigBundle Bundle(string hash, string cfgBody, params BundleFile[] more) =>
        new("gateway/shop/checkout", hash, null,
            [new BundleFile("haproxy.cfg", "global\n  setenv JUNCTION_CONFIG_HASH " + hash + "\n  description junction hash=" + hash + "\n" + cfgBody), .. more]);

    [Fact]
    public void OnlyAMapChanged_NamesThatMap()
    {
        var a = Bundle("h1", "frontend f\n", new BundleFile("host.map", "a 1\n"), new BundleFile("tcp.map", "x\n"));
        var b = Bundle("h2", "frontend f\n", new BundleFile("host.map", "a 2\n"), new BundleFile("tcp.map", "x\n"));
        Assert.Equal(["host.map"], BundleDiff.ChangedMapsOnly(a, b));
    }

    [Fact]
    public void ConfigChanged_NeedsAReload()
    {
        var a = Bundle("h1", "frontend f\n", new BundleFile("host.map", "a 1\n"));
        var b = Bundle("h2", "frontend g\n", new BundleFile("host.map", "a 1\n"));
        Assert.Null(BundleDiff.ChangedMapsOnly(a, b));
    }

    [Fact]
    public void NonMapFileChangedOrFileAdded_NeedsAReload()
    {
        var a = Bundle("h1", "f\n", new BundleFile("junction.lua", "x"));
        Assert.Null(BundleDiff.ChangedMapsOnly(a, Bundle("h2", "f\n", new BundleFile("junction.lua", "y"))));
        Assert.Null(BundleDiff.ChangedMapsOnly(a, Bundle("h2", "f\n", new BundleFile("junction.lua", "x"), new BundleFile("new.map", ""))));
    }

    [Fact]
    public void DeclaredHash_FromTheDescription()
    {
        Assert.Equal("h9", BundleDiff.DeclaredHash(Bundle("h9", "").Files[0].Content));
        Assert.Null(BundleDiff.DeclaredHash("global\n  log stdout\n"));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    public void FileNameThatIsNotPlain_Invalid(string name)
    {
        Assert.Contains("plain file name", BundleDirectory.Invalid(Bundle("h", "", new BundleFile(name, ""))), StringComparison.Ordinal);
    }

    [Fact]
    public void NoConfig_Invalid()
    {
        Assert.NotNull(BundleDirectory.Invalid(new ConfigBundle("p", "h", null, [new BundleFile("host.map", "")])));
    }
}
