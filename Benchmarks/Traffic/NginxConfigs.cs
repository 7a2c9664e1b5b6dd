namespace Junction.Benchmarks.Traffic;

/// <summary>The nginx configs of the benchmark: the backend itself, and a proxy equivalent to the gateway.</summary>
internal static class NginxConfigs
{
    /// <summary>A backend answering 200 "ok" to everything, with long keep-alive.</summary>
    public static string Backend(string directory, string listen) => Common(directory, "backend", 1) + $$"""
        http {
            access_log off;
        {{TempPaths(directory, "backend")}}
            keepalive_requests 1000000;
            server {
                listen {{listen}};
                location / { return 200 "ok\n"; }
            }
        }
        """;

    /// <summary>
    /// A reverse proxy doing what the generated gateway does for the benchmark policy:
    /// keep-alive upstream, same timeouts, retry of connection errors, X-Forwarded-For.
    /// </summary>
    public static string Proxy(string directory, string listen, string upstream) => Common(directory, "proxy", 2) + $$"""
        http {
            access_log off;
        {{TempPaths(directory, "proxy")}}
            keepalive_requests 1000000;
            upstream api {
                server {{upstream}};
                keepalive 64;
            }
            server {
                listen {{listen}};
                location / {
                    proxy_pass http://api;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header X-Forwarded-For $remote_addr;
                    proxy_connect_timeout 2s;
                    proxy_read_timeout 5s;
                    proxy_next_upstream error timeout;
                    proxy_next_upstream_tries 3;
                }
            }
        }
        """;

    private static string Common(string directory, string name, int workers) => $"""
        worker_processes {workers};
        daemon off;
        user root;
        pid {directory}/nginx-{name}.pid;
        error_log {directory}/nginx-{name}-error.log warn;
        events {"{"} worker_connections 4096; {"}"}

        """;

    private static string TempPaths(string directory, string name) => string.Join("\n", new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }
        .Select(t => $"    {t}_temp_path {directory}/{name}-{t};"));
}
