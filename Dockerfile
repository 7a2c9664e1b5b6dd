# The operator image: a self-contained junction binary on a small runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish Operator/Operator.csproj -c Release -o /out

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /out .
USER 65532:65532
ENTRYPOINT ["/app/junction"]
CMD ["run"]
