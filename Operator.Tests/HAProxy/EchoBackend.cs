using System.Net;
using System.Text;

namespace Junction.Tests.HAProxy;

/// <summary>
/// A loopback HTTP server that answers every request with its own name, the path it saw and the
/// request headers, and sets one response header. Stops when disposed.
/// </summary>
internal sealed class EchoBackend : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    private readonly TimeSpan _delay;
    private readonly Func<int, int> _status;
    private int _requests;

    /// <param name="name">Answered in every body.</param>
    /// <param name="port">Loopback port.</param>
    /// <param name="delay">Time before each answer.</param>
    /// <param name="status">Status code for the n-th request (1-based); 200 when null.</param>
    public EchoBackend(string name, int port, TimeSpan delay = default, Func<int, int>? status = null)
    {
        _delay = delay;
        _status = status ?? (_ => 200);
        Name = name;
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener was closed under a pending accept; that is how the loop ends.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            // Requests are answered concurrently, so a slow answer does not hold the next one.
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var number = Interlocked.Increment(ref _requests);
            if (_delay > TimeSpan.Zero)
            {
                await Task.Delay(_delay);
            }

            var body = new StringBuilder()
                .Append("backend: ").Append(Name).Append('\n')
                .Append("path: ").Append(context.Request.RawUrl).Append('\n');
            foreach (var key in context.Request.Headers.AllKeys.Order(StringComparer.Ordinal))
            {
                body.Append(key!.ToLowerInvariant()).Append(": ").Append(context.Request.Headers[key]).Append('\n');
            }

            var bytes = Encoding.UTF8.GetBytes(body.ToString());
            context.Response.StatusCode = _status(number);
            context.Response.Headers["X-Backend-Secret"] = "internal";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client or the test went away mid-answer.
        }
    }
}
