using Microsoft.Azure.Functions.Worker;
using Reporting.Access;
using Reporting.Domain;

namespace Reporting.Ingestion;

/// <summary>The HTTP functions of collective activities: post one, post a batch, read, correct, erase.</summary>
internal sealed class ActivityFunctions(FunctionGate gate, RecordHandlers<CollectiveActivity> records)
{
    private static readonly Role[] Writers = [Role.FieldWorker, Role.Coordinator];
    private static readonly Role[] Erasers = [Role.Coordinator];

    [Function("PostActivity")]
    public Task<IResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities")] HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Writers, caller => records.PostAsync(request, caller, "/api/activities", cancellationToken));

    [Function("PostActivityBatch")]
    public Task<IResult> PostBatch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "activities/batch")] HttpRequest request, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Writers, caller => records.PostBatchAsync(request, caller, cancellationToken));

    [Function("GetActivity")]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "activities/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Writers, caller => records.GetAsync(request, caller, id, cancellationToken));

    [Function("PutActivity")]
    public Task<IResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "activities/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Writers, caller => records.PutAsync(request, caller, id, cancellationToken));

    [Function("DeleteActivity")]
    public Task<IResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "activities/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        gate.RunAsync(request, Erasers, caller => records.EraseAsync(request, caller, id, cancellationToken));
}
