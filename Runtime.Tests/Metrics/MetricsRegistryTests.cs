using Junction.Runtime.Metrics;
using Xunit;

namespace Junction.Runtime.Tests.Metrics;

public sealed class MetricsRegistryTests
{
    [Fact]
    public void Render_CounterWithAwkwardLabelValues_EscapesAndParsesBack()
    {
        var registry = new MetricsRegistry();
        var counter = registry.Counter("junction_test_total", "A test\\counter\nwith two lines", "controller", "result");
        counter.WithLabels("say \"hi\"", "back\\slash\nnewline").Inc(2);
        counter.WithLabels("plain", "ok").Inc();

        var text = registry.Render();
        var parsed = PrometheusText.Parse(text);

        Assert.Contains("junction_test_total{controller=\"say \\\"hi\\\"\",result=\"back\\\\slash\\nnewline\"} 2\n", text);
        Assert.Equal("counter", parsed.Types["junction_test_total"]);
        Assert.Equal("A test\\counter\nwith two lines", parsed.Help["junction_test_total"]);
        Assert.Equal(2, parsed.Value("junction_test_total", ("controller", "say \"hi\""), ("result", "back\\slash\nnewline")));
        Assert.Equal(1, parsed.Value("junction_test_total", ("controller", "plain"), ("result", "ok")));
    }

    [Fact]
    public void Render_Histogram_WritesCumulativeBucketsInfSumAndCount()
    {
        var registry = new MetricsRegistry();
        var histogram = registry.Histogram("junction_latency_seconds", "Latency", [0.1, 1, 10], "name");
        foreach (var value in new[] { 0.05, 0.1, 0.5, 2, 20 })
        {
            histogram.WithLabels("q").Observe(value);
        }

        var parsed = PrometheusText.Parse(registry.Render());

        Assert.Equal("histogram", parsed.Types["junction_latency_seconds"]);
        Assert.Equal(2, parsed.Value("junction_latency_seconds_bucket", ("name", "q"), ("le", "0.1")));
        Assert.Equal(3, parsed.Value("junction_latency_seconds_bucket", ("name", "q"), ("le", "1")));
        Assert.Equal(4, parsed.Value("junction_latency_seconds_bucket", ("name", "q"), ("le", "10")));
        Assert.Equal(5, parsed.Value("junction_latency_seconds_bucket", ("name", "q"), ("le", "+Inf")));
        Assert.Equal(22.65, parsed.Value("junction_latency_seconds_sum", ("name", "q")), 9);
        Assert.Equal(5, parsed.Value("junction_latency_seconds_count", ("name", "q")));
    }

    [Fact]
    public void Render_UnlabelledGaugeNeverSet_WritesZero()
    {
        var registry = new MetricsRegistry();
        registry.Gauge("junction_up", "Up");

        var parsed = PrometheusText.Parse(registry.Render());

        Assert.Equal("gauge", parsed.Types["junction_up"]);
        Assert.Equal(0, parsed.Value("junction_up"));
    }

    [Fact]
    public void Render_CollectCallback_RunsBeforeEachScrape()
    {
        var registry = new MetricsRegistry();
        var gauge = registry.Gauge("junction_scrapes", "Scrapes");
        var scrapes = 0;
        registry.OnCollect(() => gauge.Set(++scrapes));

        registry.Render();
        var parsed = PrometheusText.Parse(registry.Render());

        Assert.Equal(2, parsed.Value("junction_scrapes"));
    }

    [Fact]
    public void Counter_SameNameTwice_ReturnsSameFamily()
    {
        var registry = new MetricsRegistry();

        var first = registry.Counter("junction_total", "Total", "kind");
        var second = registry.Counter("junction_total", "Total", "kind");

        Assert.Same(first, second);
    }

    [Fact]
    public void Gauge_NameTakenByCounter_Throws()
    {
        var registry = new MetricsRegistry();
        registry.Counter("junction_total", "Total");

        var error = Assert.Throws<InvalidOperationException>(() => registry.Gauge("junction_total", "Total"));

        Assert.Contains("junction_total", error.Message);
    }

    [Fact]
    public void WithLabels_WrongNumberOfValues_ThrowsNamingTheLabels()
    {
        var counter = new MetricsRegistry().Counter("junction_total", "Total", "controller", "result");

        var error = Assert.Throws<ArgumentException>(() => counter.WithLabels("only-one"));

        Assert.Contains("controller, result", error.Message);
    }

    [Fact]
    public void Counter_NegativeIncrement_Throws()
    {
        var counter = new MetricsRegistry().Counter("junction_total", "Total");

        Assert.Throws<ArgumentOutOfRangeException>(() => counter.Inc(-1));
    }

    [Fact]
    public void Counter_ConcurrentIncrements_AreAllCounted()
    {
        var counter = new MetricsRegistry().Counter("junction_total", "Total", "k");

        Parallel.For(0, 10_000, i => counter.WithLabels((i % 3).ToString()).Inc());

        Assert.Equal(10_000, counter.WithLabels("0").Value + counter.WithLabels("1").Value + counter.WithLabels("2").Value);
    }
}
