using Junction.Validation;
using Xunit;

namespace Junction.Tests.Validation;

public sealed class ProxyImageRegistryTests
{
    [Theory]
    [InlineData("haproxy:3.2.4", "docker.io/library/haproxy")]
    [InlineData("haproxy", "docker.io/library/haproxy")]
    [InlineData("docker.io/haproxy:3", "docker.io/library/haproxy")]
    [InlineData("index.docker.io/library/haproxy@sha256:0123456789abcdef", "docker.io/library/haproxy")]
    [InlineData("haproxytech/haproxy-alpine:3.0", "docker.io/haproxytech/haproxy-alpine")]
    [InlineData("localhost:5000/team/haproxy:3", "localhost:5000/team/haproxy")]
    [InlineData("Registry.Example.com/mirror/haproxy:3", "registry.example.com/mirror/haproxy")]
    public void Parse_References_NormaliseAsTheRuntimeDoes(string image, string repository)
    {
        Assert.Equal(repository, ImageReference.Parse(image).Repository);
    }

    [Theory]
    [InlineData("haproxy:3.1", true)]
    [InlineData("docker.io/library/haproxy:3.1", true)]
    [InlineData("index.docker.io/library/haproxy:3.1", true)]
    [InlineData("docker.io.evil.com/library/haproxy:3.1", false)]
    [InlineData("docker.io/library-evil/haproxy:3.1", false)]
    [InlineData("haproxytech/haproxy-alpine:3.0", false)]
    [InlineData("quay.io/library/haproxy:3.1", false)]
    public void DefaultAllowList_IsTheDefaultImagesRegistryOnPathBoundaries(string image, bool allowed)
    {
        var report = PolicyValidation.Validate(TestPolicies.WithSpec($"  proxy: {{image: \"{image}\"}}\n"));

        Assert.Equal(allowed, report.IsValid);
    }

    [Fact]
    public void Validate_ImageFromElsewhere_ErrorNamesTheImageAndTheAllowedList()
    {
        var report = PolicyValidation.Validate(TestPolicies.WithSpec("  proxy: {image: \"quay.io/evil/haproxy:3\"}\n"));

        var problem = Assert.Single(report.Errors);
        Assert.Equal("spec.proxy.image", problem.Path);
        Assert.Contains("\"quay.io/evil/haproxy:3\"", problem.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: docker.io/library", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OperatorList_ReplacesTheDefault()
    {
        var options = ValidationOptions.For(null, ["registry.example.com/mirror", "localhost:5000"]);

        Assert.True(PolicyValidation.Validate(TestPolicies.WithSpec("  proxy: {image: registry.example.com/mirror/haproxy:3}\n"), options).IsValid);
        Assert.True(PolicyValidation.Validate(TestPolicies.WithSpec("  proxy: {image: \"localhost:5000/haproxy:3\"}\n"), options).IsValid);
        Assert.False(PolicyValidation.Validate(TestPolicies.WithSpec("  proxy: {image: \"haproxy:3\"}\n"), options).IsValid);
        Assert.False(PolicyValidation.Validate(TestPolicies.WithSpec("  proxy: {image: registry.example.com/mirror2/haproxy:3}\n"), options).IsValid);
    }

    [Fact]
    public void For_NoListButAnOperatorImage_AllowsThatImagesRegistry()
    {
        Assert.Equal(["registry.example.com/mirror"], ValidationOptions.For("registry.example.com/mirror/haproxy:3.2", []).AllowedProxyRegistries.ToArray());
        Assert.Equal(["docker.io/library"], ValidationOptions.For(null, null).AllowedProxyRegistries.ToArray());
        Assert.Equal(["docker.io/library"], ValidationOptions.For(null, ["index.docker.io/library/"]).AllowedProxyRegistries.ToArray());
    }

    [Fact]
    public void Validate_NoImage_NeedsNoRegistry()
    {
        Assert.True(PolicyValidation.Validate(TestPolicies.WithSpec("  proxy: {replicas: 3}\n"), ValidationOptions.For(null, ["registry.example.com"])).IsValid);
    }
}
