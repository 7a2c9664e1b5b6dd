using System.Net;
using Junction.Hosting.Local;
using Junction.Objects;
using k8s.Models;
using Xunit;

namespace Junction.Tests.Hosting.Local;

public sealed class LocalEndpointsTests
{
    [Fact]
    public void AnnotatedService_AndItsHeadlessTwins_LeadToTheAnnotatedEndpoints()
    {
        var (records, problems) = LocalEndpoints.Records(
        [
            Service("shop", "checkout", annotation: "127.0.0.11:8080, 127.0.0.12:8080"),
            Service("shop", "checkout-canary-1a2b3c4d", backendOf: "checkout"),
            Service("shop", "other"),
            Service("web", "checkout-canary-1a2b3c4d", backendOf: "checkout"),
        ]);

        Assert.Empty(problems);
        Assert.Equal(["checkout-canary-1a2b3c4d.shop.svc.cluster.local", "checkout.shop.svc.cluster.local"], records.Endpoints.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([IPEndPoint.Parse("127.0.0.11:8080"), IPEndPoint.Parse("127.0.0.12:8080")], records.Endpoints["checkout.shop.svc.cluster.local"].ToArray());
    }

    [Theory]
    [InlineData("10.0.0.5:8080", "not a loopback address")]
    [InlineData("127.0.0.1", "not an IPv4 address:port")]
    [InlineData("[::1]:80", "not an IPv4 address:port")]
    [InlineData(" , ", "lists no endpoint")]
    public void UnusableAnnotation_IsAProblemNamingTheService_AndLeadsNowhere(string value, string expected)
    {
        var (records, problems) = LocalEndpoints.Records([Service("shop", "checkout", annotation: value)]);

        Assert.Empty(records.Endpoints);
        var problem = Assert.Single(problems);
        Assert.Contains("Service shop/checkout", problem, StringComparison.Ordinal);
        Assert.Contains(LocalEndpoints.Annotation, problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    private static V1Service Service(string ns, string name, string? annotation = null, string? backendOf = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = ns,
            Annotations = annotation is null ? null : new Dictionary<string, string> { [LocalEndpoints.Annotation] = annotation },
            Labels = backendOf is null ? null : new Dictionary<string, string> { [ChildObjects.BackendLabel] = backendOf },
        },
    };
}
