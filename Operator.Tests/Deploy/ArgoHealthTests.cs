using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Junction.Tests.Translation;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Junction.Tests.Deploy;

/// <summary>
/// Runs the Argo CD health check of config/argocd with the real lua5.1, in the environment Argo CD
/// gives health scripts: no string library (and no string metatable), an os with time and date
/// only, and the object as the global <c>obj</c>. The clock is fixed at <see cref="Now"/>.
/// </summary>
public sealed class ArgoHealthTests
{
    private const string Lua = "lua5.1";
    private const string HealthKey = "resource.customizations.health.traffic.junction.dev_TrafficPolicy";
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<bool> LuaInstalled = new(() => File.Exists("/usr/bin/" + Lua) || File.Exists("/usr/local/bin/" + Lua));

    /// <summary>Name, object, whether os is there, expected status, text the message must contain.</summary>
    public static TheoryData<string, string, bool, string, string> Table => new()
    {
        { "no status yet", Policy(3, null), true, "Progressing", "Waiting for the operator" },
        { "status for an older generation", Policy(3, 2, Cond("Ready", "True", "Ready", 2, "all good")), true, "Progressing", "observe generation 3" },
        { "every condition current and true", Current(Cond("Ready", "True", "Ready", 3, "2 of 2 proxy replicas run the current config.")), true, "Healthy", "2 of 2 proxy replicas" },
        { "Ready true but written for generation 2", Policy(3, 3, Cond("Accepted", "True", "Accepted", 3), Cond("ResolvedRefs", "True", "ResolvedRefs", 3), Cond("Programmed", "True", "Programmed", 3), Cond("Ready", "True", "Ready", 2, "old news")), true, "Progressing", "Ready describes generation 2, the spec is at generation 3" },
        { "Accepted false but stale", Policy(3, 3, Cond("Accepted", "False", "Invalid", 2, "spec.routes[0]: bad"), Cond("ResolvedRefs", "True", "ResolvedRefs", 3), Cond("Programmed", "True", "Programmed", 3), Cond("Ready", "True", "Ready", 3)), true, "Progressing", "Accepted describes generation 2" },
        { "Programmed ApplyFailed long ago but stale", Policy(3, 3, Cond("Accepted", "True", "Accepted", 3), Cond("ResolvedRefs", "True", "ResolvedRefs", 3), Cond("Programmed", "False", "ApplyFailed", 1, "write failed", Now.AddHours(-2)), Cond("Ready", "False", "NotProgrammed", 3)), true, "Progressing", "Programmed describes generation 1" },
        { "Accepted false", Policy(3, 3, Cond("Accepted", "False", "Invalid", 3, "spec.routes[0].matches[0].path.value: must start with /"), Cond("Ready", "False", "NotProgrammed", 3)), true, "Degraded", "must start with /" },
        { "ResolvedRefs false", Policy(3, 3, Cond("Accepted", "True", "Accepted", 3), Cond("ResolvedRefs", "False", "BackendNotFound", 3, "spec.targetRef: Service \"api\" not found"), Cond("Ready", "False", "NotProgrammed", 3)), true, "Degraded", "Service \"api\" not found" },
        { "Programmed conflict", Policy(3, 3, Cond("Accepted", "True", "Accepted", 3), Cond("ResolvedRefs", "True", "ResolvedRefs", 3), Cond("Programmed", "False", "Conflict", 3, "ConfigMap shop/x-proxy is owned by someone else"), Cond("Ready", "False", "NotProgrammed", 3)), true, "Degraded", "owned by someone else" },
        { "ApplyFailed a minute ago", Programmed("ApplyFailed", Now.AddMinutes(-1)), true, "Progressing", "Retrying since 2026-12-01T11:59:00Z: Deployment shop/x-proxy: 500" },
        { "ApplyFailed ten minutes ago", Programmed("ApplyFailed", Now.AddMinutes(-10)), true, "Degraded", "Failing since 2026-12-01T11:50:00Z" },
        { "ApplyFailed a minute ago without a clock", Programmed("ApplyFailed", Now.AddMinutes(-1)), false, "Degraded", "Failing since 2026-12-01T11:59:00Z" },
        { "rollout in progress", Current(Cond("Ready", "False", "ProxyNotReady", 3, "1 of 2 proxy replicas run the current config.")), true, "Progressing", "1 of 2 proxy replicas" },
        { "crash-looping proxy", Current(Cond("Ready", "False", "ProxyFailing", 3, "0 of 2 proxy replicas run the current config. Deployment Progressing=False ProgressDeadlineExceeded: ReplicaSet \"x-proxy-7d9\" has timed out progressing.")), true, "Degraded", "ProgressDeadlineExceeded" },
        { "Ingress without an address", Current(Cond("Ready", "False", "AddressPending", 3, "Ingress shop/x has no address yet.")), true, "Progressing", "no address yet" },
        { "field not enforced", Current(Cond("Ready", "False", "NotEnforced", 3, "spec.authorization is not enforced")), true, "Degraded", "not enforced" },
        { "no Ready condition yet", Policy(3, 3, Cond("Accepted", "True", "Accepted", 3)), true, "Progressing", "Waiting for the Ready condition" },
        { "conditions without observedGeneration", Policy(3, 3, Cond("Ready", "True", "Ready", null, "fine")), true, "Healthy", "fine" },
    };

    [Fact]
    public void Table_HasAtLeastTwelveObjects_IncludingStalePerConditionGenerations()
    {
        var rows = Table.Select(r => (string)r[0]).ToList();
        Assert.True(rows.Count >= 12, $"{rows.Count} rows");
        Assert.True(rows.Count(r => r.Contains("stale", StringComparison.Ordinal) || r.Contains("generation 2", StringComparison.Ordinal)) >= 3);
    }

    [Fact]
    public void Script_UsesNoStringLibrary_WhichArgoDoesNotLoad()
    {
        var script = Script();
        Assert.DoesNotContain("string.", script, StringComparison.Ordinal);
        Assert.DoesNotContain(":match(", script, StringComparison.Ordinal);
        Assert.DoesNotContain(":find(", script, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Table))]
    public async Task HealthCheck_StatusObject_GivesStatusAndMessage(string situation, string json, bool clock, string status, string message)
    {
        Skip.IfNot(LuaInstalled.Value, "lua5.1 is not installed (apt package lua5.1); the Argo CD health check was not run");
        var (gotStatus, gotMessage) = await RunAsync(Script(), JsonNode.Parse(json)!, clock);

        Assert.True(status == gotStatus, $"{situation}: expected {status}, got {gotStatus} ({gotMessage})");
        Assert.Contains(message, gotMessage, StringComparison.Ordinal);
    }

    private static string Script()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(TestPaths.RepoRoot, "config", "argocd", "argocd-cm-patch.yaml")))
        {
            yaml.Load(reader);
        }

        var data = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children[new YamlScalarNode("data")];
        return ((YamlScalarNode)data.Children[new YamlScalarNode(HealthKey)]).Value!;
    }

    private static async Task<(string Status, string Message)> RunAsync(string script, JsonNode obj, bool clock)
    {
        var program = new StringBuilder()
            .AppendLine("local write = io.write")
            .AppendLine("local realDate = os.date")
            .AppendLine(clock
                ? "os = {time = function(t) if t ~= nil then error('os.time(table) is not used') end return " + Now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) + " end, date = realDate}"
                : "os = nil")
            .AppendLine("debug.setmetatable('', nil)")
            .AppendLine("string, io, debug, require, loadstring, dofile = nil, nil, nil, nil, nil, nil")
            .Append("obj = ").AppendLine(LuaLiteral(obj))
            .AppendLine("local hs = (function()")
            .AppendLine(script)
            .AppendLine("end)()")
            .AppendLine("write(hs.status, '\\n', hs.message or '')")
            .ToString();
        var start = new ProcessStartInfo(Lua, "-")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.StandardInput.WriteAsync(program);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, "lua5.1 failed: " + await error);
            var text = await output;
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return newline < 0 ? (text, "") : (text[..newline], text[(newline + 1)..]);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    // JSON as a Lua table literal, the way Argo CD hands the object to the script.
    private static string LuaLiteral(JsonNode? node) => node switch
    {
        null => "nil",
        JsonObject o => "{" + string.Join(", ", o.Select(kv => "[" + LuaString(kv.Key) + "] = " + LuaLiteral(kv.Value))) + "}",
        JsonArray a => "{" + string.Join(", ", a.Select(LuaLiteral)) + "}",
        JsonValue v when v.TryGetValue<string>(out var s) => LuaString(s),
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v => v.GetValue<double>().ToString("R", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException("unexpected JSON node " + node.GetType().Name, nameof(node)),
    };

    private static string LuaString(string s)
    {
        var b = new StringBuilder("\"");
        foreach (var c in s)
        {
            b.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                _ when c < ' ' => "\\" + ((int)c).ToString("000", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return b.Append('"').ToString();
    }

    private static string Current(JsonObject ready) => Policy(3, 3, Cond("Accepted", "True", "Accepted", 3), Cond("ResolvedRefs", "True", "ResolvedRefs", 3), Cond("Programmed", "True", "Programmed", 3), ready);

    private static string Programmed(string reason, DateTimeOffset since) => Policy(3, 3,
        Cond("Accepted", "True", "Accepted", 3),
        Cond("ResolvedRefs", "True", "ResolvedRefs", 3),
        Cond("Programmed", "False", reason, 3, "Deployment shop/x-proxy: 500 Internal Server Error", since),
        Cond("Ready", "False", "NotProgrammed", 3, "The child objects are not programmed (see the Programmed condition)."));

    private static string Policy(long generation, long? observed, params JsonObject[] conditions)
    {
        var policy = new JsonObject
        {
            ["apiVersion"] = "traffic.junction.dev/v1alpha1",
            ["kind"] = "TrafficPolicy",
            ["metadata"] = new JsonObject { ["name"] = "x", ["namespace"] = "shop", ["generation"] = generation },
        };
        if (observed is not null)
        {
            policy["status"] = new JsonObject
            {
                ["observedGeneration"] = observed,
                ["conditions"] = new JsonArray([.. conditions]),
            };
        }

        return policy.ToJsonString();
    }

    private static JsonObject Cond(string type, string status, string reason, long? generation, string message = "", DateTimeOffset? since = null)
    {
        var c = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["reason"] = reason,
            ["message"] = message,
            ["lastTransitionTime"] = (since ?? Now.AddHours(-1)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        if (generation is not null)
        {
            c["observedGeneration"] = generation;
        }

        return c;
    }
}
