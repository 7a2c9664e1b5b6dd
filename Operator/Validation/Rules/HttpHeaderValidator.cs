using Junction.Api.V1Alpha1;

namespace Junction.Validation.Rules;

/// <summary>A header to set or add.</summary>
internal sealed class HttpHeaderValidator : JsonValidator<HttpHeader>
{
    public HttpHeaderValidator()
    {
        Check((header, report) =>
        {
            if (!string.IsNullOrEmpty(header.Name) && !Syntax.IsHttpToken(header.Name))
            {
                report.Error("name", $"\"{header.Name}\" {Syntax.TokenMessage}");
            }

            if (Syntax.HasLineBreak(header.Value))
            {
                report.Error("value", "must not contain CR, LF or NUL");
            }
        });
    }
}
