namespace Junction.ApiServer.Schema.Cel;

/// <summary>Thrown when one evaluation spends more than its per-call cost limit; cel-go's wording.</summary>
internal sealed class CelCostExceededException() : Exception("operation cancelled: actual cost limit exceeded");
