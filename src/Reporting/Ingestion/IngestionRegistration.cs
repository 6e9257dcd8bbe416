using Microsoft.Extensions.Options;
using Reporting.Domain;
using Reporting.Storage;

namespace Reporting.Ingestion;

internal static class IngestionRegistration
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(sp => new RecordReader(sp.GetRequiredService<ReferenceData>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new IngestionService<LogbookEntry>(
            sp.GetRequiredService<RecordStore<LogbookEntry>>(), sp.GetRequiredService<RecordReader>(),
            (reader, json, errors) => reader.ReadEntry(json, errors), sp.GetRequiredService<IOptions<IngestionOptions>>()));
        builder.Services.AddSingleton(sp => new IngestionService<CollectiveActivity>(
            sp.GetRequiredService<RecordStore<CollectiveActivity>>(), sp.GetRequiredService<RecordReader>(),
            (reader, json, errors) => reader.ReadActivity(json, errors), sp.GetRequiredService<IOptions<IngestionOptions>>()));
        builder.Services.AddSingleton<RecordHandlers<LogbookEntry>>();
        builder.Services.AddSingleton<RecordHandlers<CollectiveActivity>>();
        return builder;
    }
}
