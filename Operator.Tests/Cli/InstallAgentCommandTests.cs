using Junction.Cli;
using Xunit;

namespace Junction.Tests.Cli;

public sealed class InstallAgentCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("junction-install-agent-").FullName;

    [Fact]
    public void Install_AgentFile_CopiedExecutableUnderItsNameWithNoPartialLeft()
    {
        var source = Path.Combine(dir, "junction-agent");
        File.WriteAllText(source, "#!/bin/sh\necho agent\n");
        var target = Path.Combine(dir, "bin");

        var installed = InstallAgentCommand.Install(source, target);

        Assert.Equal(Path.Combine(target, "junction-agent"), installed);
        Assert.Equal("#!/bin/sh\necho agent\n", File.ReadAllText(installed));
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(installed).HasFlag(UnixFileMode.OtherExecute));
        Assert.Equal([installed], Directory.GetFiles(target));
    }

    [Fact]
    public void Install_Twice_ReplacesTheEarlierCopy()
    {
        var source = Path.Combine(dir, "junction-agent");
        File.WriteAllText(source, "one");
        InstallAgentCommand.Install(source, Path.Combine(dir, "bin"));
        File.WriteAllText(source, "two");

        var installed = InstallAgentCommand.Install(source, Path.Combine(dir, "bin"));

        Assert.Equal("two", File.ReadAllText(installed));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
