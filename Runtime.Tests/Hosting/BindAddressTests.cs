using System.Net;
using Junction.Runtime.Hosting;
using Xunit;

namespace Junction.Runtime.Tests.Hosting;

public sealed class BindAddressTests
{
    [Theory]
    [InlineData(":8080", "0.0.0.0:8080")]
    [InlineData("127.0.0.1:0", "127.0.0.1:0")]
    [InlineData("localhost:9090", "127.0.0.1:9090")]
    [InlineData("[::1]:8081", "[::1]:8081")]
    public void Parse_HostPort_ReturnsEndpoint(string address, string expected)
    {
        Assert.Equal(IPEndPoint.Parse(expected), BindAddress.Parse(address));
    }

    [Fact]
    public void Parse_Zero_DisablesTheEndpoint()
    {
        Assert.Null(BindAddress.Parse("0"));
    }

    [Theory]
    [InlineData("8080")]
    [InlineData("metrics:8080")]
    [InlineData(":99999")]
    public void Parse_Malformed_ThrowsNamingTheAddress(string address)
    {
        var error = Assert.Throws<FormatException>(() => BindAddress.Parse(address));

        Assert.Contains(address, error.Message);
    }
}
