using Microsoft.Azure.Functions.Worker;
using Reporting.Access;
using Reporting.Domain;

namespace Reporting.Ingestion;

/// <summary>The HTTP functions of logbook entries: post one, post a batch, read, correct, erase.</summary>
internal sealed class EntryFunctions(FunctionGate gate, RecordHandlers<LogbookEntry> records)
{
    private static readonly Role[] Writers = [Role.FieldWorker, Role.Coordinator];
    private static readonly Role[] Erasers = [Role.Coordinator];

    [Function("PostEntry")]
    public Task<IResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "entries")] HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Writers, caller => records.PostAsync(request, caller, "/api/entries", cancellationToken));

    [Function("PostEntryBatch")]
    public Task<IResult> PostBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "entries/batch")] HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Writers, caller => records.PostBatchAsync(request, caller, cancellationToken));

    [Function("GetEntry")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "entries/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Writers, caller => records.GetAsync(request, caller, id, cancellationToken));

    [Function("PutEntry")]
    public Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "entries/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Writers, caller => records.PutAsync(request, caller, id, cancellationToken));

    [Function("DeleteEntry")]
    public Task<IResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "entries/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Erasers, caller => records.EraseAsync(request, caller, id, cancellationToken));
}
