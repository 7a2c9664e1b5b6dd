using System.Runtime.InteropServices;

namespace Junction.Agent.HAProxy;

/// <summary>kill(2): the master soft-stops on SIGUSR1, which <see cref="System.Diagnostics.Process"/> cannot send.</summary>
internal static partial class Signals
{
    /// <summary>SIGTERM: hard stop.</summary>
    public const int Term = 15;

    /// <summary>SIGUSR1: soft stop (finish in-flight requests, bounded by <c>hard-stop-after</c>).</summary>
    public const int User1 = 10;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process is gone.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int sig);
}
