namespace Reporting.Access;

internal static class AccessRegistration
{
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section)
            .Validate(o => o.ApiKeys.All(k => k.KeySha256.Length == 64 && k.KeySha256.All(Uri.IsHexDigit) && k.Programmes.Count > 0),
                "Every API key needs KeySha256 (64 hex digits) and at least one programme.")
            .Validate(o => o.ApiKeys.All(k => k.Role != Role.FieldWorker || !string.IsNullOrEmpty(k.WorkerCode)),
                "A field worker's API key needs its WorkerCode.")
            .Validate(o => o.RequestsPerMinute > 0, "RequestsPerMinute must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<CallerResolver>();
        builder.Services.AddSingleton<RequestBudget>();
        builder.Services.AddSingleton<FunctionGate>();
        return builder;
    }
}
