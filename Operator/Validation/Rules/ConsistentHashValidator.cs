using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>What a consistent hash is computed on.</summary>
internal sealed class ConsistentHashValidator : JsonValidator<ConsistentHash>
{
    public ConsistentHashValidator()
    {
        Check((hash, report) =>
        {
            if (hash.Type is "Header" or "Cookie")
            {
                if (string.IsNullOrEmpty(hash.Name))
                {
                    report.Error("name", $"is required when type is {hash.Type}");
                }
                else if (!Syntax.IsHttpToken(hash.Name))
                {
                    report.Error("name", $"\"{hash.Name}\" {Syntax.TokenMessage}");
                }

                if (report.IsTcp)
                {
                    report.Error("type", $"protocol TCP has no {hash.Type.ToLowerInvariant()}s to hash on; use SourceIP");
                }
            }
            else if (hash.Type == "SourceIP" && hash.Name is not null)
            {
                report.Error("name", "must not be set when type is SourceIP");
            }
        });
    }
}
