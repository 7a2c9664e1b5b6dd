namespace Junction.ApiServer.Faults;

/// <summary>Fail the next <see cref="Remaining"/> requests matching a verb and resource with a status code.</summary>
internal sealed class FaultRule
{
    public FaultRule(string? verb, string? resource, int count, int statusCode, TimeSpan retryAfter)
    {
        Verb = verb;
        Resource = resource;
        Remaining = count;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public string? Verb { get; }

    public string? Resource { get; }

    public int Remaining { get; set; }

    public int StatusCode { get; }

    public TimeSpan RetryAfter { get; }

    public bool Matches(string verb, string resource) =>
        Remaining > 0 && (Verb is null || Verb == verb) && (Resource is null || Resource == resource);
}
