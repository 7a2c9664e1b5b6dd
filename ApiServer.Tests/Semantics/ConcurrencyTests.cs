using System.Net;
using k8s.Autorest;
using k8s;
using Xunit;

namespace Junction.ApiServer.Tests.Semantics;

public sealed class ConcurrencyTests : ApiServerTest
{
    [Fact]
    public async Task ParallelReadModifyWrite_NoUpdateIsLost()
    {
        var cm = ConfigMap("counter");
        cm.Data["n"] = "0";
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");
        var successes = 0;
        var conflicts = 0;

        async Task Writer()
        {
            for (var i = 0; i < 10; i++)
            {
                var current = await Client.CoreV1.ReadNamespacedConfigMapAsync("counter", "default");
                current.Data["n"] = (int.Parse(current.Data["n"]) + 1).ToString();
                try
                {
                    await Client.CoreV1.ReplaceNamespacedConfigMapAsync(current, "counter", "default");
                    Interlocked.Increment(ref successes);
                }
                catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
                {
                    Assert.Contains("the object has been modified", e.Response.Content, StringComparison.Ordinal);
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Writer)));
        var final = await Client.CoreV1.ReadNamespacedConfigMapAsync("counter", "default");

        Assert.Equal(80, successes + conflicts);
        Assert.Equal(successes, int.Parse(final.Data["n"]));
        Assert.True(successes > 0);
    }
}
