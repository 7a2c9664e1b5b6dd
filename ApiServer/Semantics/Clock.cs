using System.Globalization;

namespace Junction.ApiServer.Semantics;

/// <summary>Formats the injected clock as Kubernetes timestamps (RFC 3339, seconds, UTC).</summary>
internal sealed class Clock
{
    private readonly TimeProvider time;

    public Clock(TimeProvider time)
    {
        this.time = time;
    }

    public DateTimeOffset UtcNow => time.GetUtcNow();

    public string Now() => UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public string NowMicro() => UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
