using Junction.Agent.HAProxy;

namespace Junction.Agent.Tests.HAProxy;

/// <summary>The CLI answers as HAProxy 2.6.12 printed them.</summary>
public sealed class CliAnswerTests
{
    [Fact]
    public void ShowInfo_PidAndDescriptionHash()
    {
        var info = WorkerInfo.Parse("Name: HAProxy\nVersion: 2.6.12-1+deb12u4\nPid: 14719\nUptime: 0d 0h00m01s\ndescription: junction hash=abc123\n");
        Assert.Equal(new WorkerInfo(14719, "abc123"), info);
    }

    [Fact]
    public void ShowInfo_EmptyAnswerDuringReload_IsNoWorker()
    {
        Assert.Null(WorkerInfo.Parse("\n"));
        Assert.Equal(new WorkerInfo(7, null), WorkerInfo.Parse("Pid: 7\n"));
    }

    [Fact]
    public void ShowProc_ReloadAndFailureCounters()
    {
        const string text = """
            #<PID>          <type>          <reloads>       <uptime>        <version>
            14716           master          2 [failed: 1]   0d00h00m17s     2.6.12-1+deb12u4
            # workers
            14938           worker          1               0d00h00m08s     2.6.12-1+deb12u4
            # programs
            """;
        Assert.Equal(new MasterStatus(2, 1), MasterStatus.Parse(text));
        Assert.Null(MasterStatus.Parse("Unknown command\n"));
    }

    [Fact]
    public void MapFileAndShowMap_SameEntries()
    {
        var file = MapEntry.ParseFile("# routes\nshop.example  a b\n\nx.example y\nbare\n");
        var shown = MapEntry.ParseShowMap("0x55600d211e60 shop.example a b\n0x55600d211f40 x.example y\n0x55600d211f80 bare \n\n");
        Assert.Equal([new MapEntry("shop.example", "a b"), new MapEntry("x.example", "y"), new MapEntry("bare", "")], file);
        Assert.Equal(file, shown);
    }

    [Fact]
    public void ErrorText_AlertsOnlyElseFallback()
    {
        Assert.Equal("[ALERT] (1) : bad", HAProxyControl.ErrorText(["[NOTICE] (1) : hi", "[ALERT] (1) : bad"], "fallback"));
        Assert.Equal("fallback", HAProxyControl.ErrorText(["[NOTICE] (1) : hi"], "fallback"));
    }
}
