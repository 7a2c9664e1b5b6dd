using Junction.Injection;
using Xunit;

namespace Junction.Tests.Injection;

public sealed class KubernetesVersionTests
{
    [Theory]
    [InlineData("1", "28", false)]
    [InlineData("1", "28+", false)]
    [InlineData("1", "29", true)]
    [InlineData("1", "32", true)]
    [InlineData("1", "30+", true)]
    [InlineData("2", "0", true)]
    [InlineData(null, null, true)]
    [InlineData("", "x", true)]
    public void SupportsNativeSidecars_ServerVersion_NativeFrom129(string? major, string? minor, bool native)
    {
        Assert.Equal(native, KubernetesVersion.SupportsNativeSidecars(major, minor));
    }
}
