using System.Diagnostics;

namespace Junction.Tests.Mesh.Identity;

/// <summary>Runs the real openssl, so certificates are judged by a TLS stack other than .NET's.</summary>
internal static class OpenSsl
{
    public static bool Installed { get; } = File.Exists("/usr/bin/openssl");

    public static (int ExitCode, string Output) Run(params string[] arguments)
    {
        var info = new ProcessStartInfo("/usr/bin/openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "openssl timed out");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
