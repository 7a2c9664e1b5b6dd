namespace Junction.Ir;

/// <summary>Passive ejection of endpoints that keep failing live traffic.</summary>
/// <param name="ConsecutiveErrors">Errors in a row that eject an endpoint.</param>
/// <param name="Interval">How often an ejected endpoint is probed again.</param>
/// <param name="BaseEjectionTime">Minimum time out.</param>
internal sealed record OutlierEjection(int ConsecutiveErrors, TimeSpan Interval, TimeSpan BaseEjectionTime);
