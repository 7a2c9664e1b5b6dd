using System.Diagnostics;
using Junction.Agent.Api;

namespace Junction.Agent.Bundle;

/// <summary>
/// The bundle directory on disk: a new bundle is written into a staging directory beside it,
/// checked there with <c>haproxy -c</c> (haproxy.cfg's references to the bundle directory point at the
/// staging copy for the check), then renamed file by file over the live files, haproxy.cfg last.
/// The directory therefore always holds the last config that passed the check, and after a reload
/// that failed anyway the previous bundle is written back.
/// </summary>
internal sealed class BundleDirectory
{
    private const string CheckName = "haproxy.cfg.check";
    private readonly string directory;
    private readonly string staging;
    private readonly string haproxy;

    /// <summary>The bundle directory <paramref name="directory"/>, checked with <paramref name="haproxy"/>.</summary>
    public BundleDirectory(string directory, string haproxy)
    {
        this.directory = directory;
        this.haproxy = haproxy;
        staging = Path.Join(Path.GetDirectoryName(directory.TrimEnd('/')), "." + Path.GetFileName(directory.TrimEnd('/')) + ".staging");
    }

    /// <summary>The live path of a bundle file.</summary>
    public string PathOf(string name) => Path.Join(directory, name);

    /// <summary>Why a bundle cannot be written (a file name that is not a plain name, no haproxy.cfg), or null.</summary>
    public static string? Invalid(ConfigBundle bundle)
    {
        if (!bundle.Files.Any(f => f.Name == BundleDiff.ConfigName))
        {
            return "the bundle has no " + BundleDiff.ConfigName;
        }

        var bad = bundle.Files.FirstOrDefault(f => f.Name.Length == 0 || f.Name[0] == '.' || f.Name.Contains('/', StringComparison.Ordinal) || f.Name.Contains('\0', StringComparison.Ordinal));
        if (bad is not null)
        {
            return "the bundle file name '" + bad.Name + "' is not a plain file name";
        }

        return bundle.Files.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != bundle.Files.Count ? "the bundle names a file twice" : null;
    }

    /// <summary>Writes the bundle into the staging directory and checks it; HAProxy's complaint, or null.</summary>
    public async Task<string?> StageAndCheckAsync(ConfigBundle bundle, CancellationToken ct)
    {
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        foreach (var f in bundle.Files)
        {
            await File.WriteAllTextAsync(Path.Join(staging, f.Name), f.Content, ct);
        }

        var cfg = bundle.Files.Single(f => f.Name == BundleDiff.ConfigName).Content;
        await File.WriteAllTextAsync(Path.Join(staging, CheckName), cfg.Replace(directory.TrimEnd('/') + "/", staging + "/", StringComparison.Ordinal), ct);
        var (exit, output) = await RunAsync(haproxy, ["-c", "-f", Path.Join(staging, CheckName)], ct);
        if (exit == 0)
        {
            return null;
        }

        var text = output.Replace(Path.Join(staging, CheckName), PathOf(BundleDiff.ConfigName), StringComparison.Ordinal)
            .Replace(staging + "/", directory.TrimEnd('/') + "/", StringComparison.Ordinal).Trim();
        return text.Length == 0 ? "haproxy -c exited with " + exit : text;
    }

    /// <summary>Renames the staged files over the live ones (haproxy.cfg last) and removes files the bundle no longer has.</summary>
    public void Swap(ConfigBundle bundle)
    {
        Directory.CreateDirectory(directory);
        foreach (var f in bundle.Files.OrderBy(f => f.Name == BundleDiff.ConfigName ? 1 : 0))
        {
            File.Move(Path.Join(staging, f.Name), PathOf(f.Name), overwrite: true);
        }

        var keep = bundle.Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stale in Directory.EnumerateFiles(directory).Where(p => !keep.Contains(Path.GetFileName(p))))
        {
            File.Delete(stale);
        }

        Directory.Delete(staging, recursive: true);
    }

    /// <summary>Writes one file atomically (temp file + rename), for maps applied through the runtime API.</summary>
    public void Write(string name, string content)
    {
        var temp = PathOf("." + name + ".tmp");
        File.WriteAllText(temp, content);
        File.Move(temp, PathOf(name), overwrite: true);
    }

    /// <summary>Writes every file of <paramref name="bundle"/> back (after a reload failed with the new files).</summary>
    public void Restore(ConfigBundle bundle)
    {
        foreach (var f in bundle.Files.OrderBy(f => f.Name == BundleDiff.ConfigName ? 1 : 0))
        {
            Write(f.Name, f.Content);
        }
    }

    /// <summary>The bundle left on disk by an earlier run (its files and declared hash), or null.</summary>
    public ConfigBundle? ReadLastGood(string proxy)
    {
        var cfg = PathOf(BundleDiff.ConfigName);
        if (!File.Exists(cfg) || BundleDiff.DeclaredHash(File.ReadAllText(cfg)) is not { } hash)
        {
            return null;
        }

        var files = Directory.EnumerateFiles(directory).Where(p => !Path.GetFileName(p).StartsWith('.'))
            .Order(StringComparer.Ordinal).Select(p => new BundleFile(Path.GetFileName(p), File.ReadAllText(p))).ToList();
        return new ConfigBundle(proxy, hash, null, files);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string[] args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await p.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw;
        }

        return (p.ExitCode, (await stdout) + (await stderr));
    }
}
