using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>The timeouts a route really gets: its own, else the spec's, else the defaults.</summary>
internal sealed record EffectiveTimeouts(TimeSpan Request, TimeSpan? BackendRequest, TimeSpan Idle)
{
    public static readonly TimeSpan DefaultRequest = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan DefaultIdle = TimeSpan.FromMinutes(5);

    public static EffectiveTimeouts Of(Timeouts? spec, Timeouts? route = null) => new(
        DurationRules.Parse(route?.Request) ?? DurationRules.Parse(spec?.Request) ?? DefaultRequest,
        DurationRules.Parse(route?.BackendRequest) ?? DurationRules.Parse(spec?.BackendRequest),
        DurationRules.Parse(route?.Idle) ?? DurationRules.Parse(spec?.Idle) ?? DefaultIdle);
}
