using System.Web;
using Reporting.Storage;

namespace Reporting.Bench;

/// <summary>
/// A report's storage requests by what they were for: the period-row queries of its partitions (the first page of
/// each, and the pages after it), the partitions' move markers, the report index (its entity, and the query for the
/// family a funder workbook is protected with), the leases of the report's and the family's locks, the family's
/// published cells read and this workbook's written, and the workbook's upload. <see cref="Other"/> is anything
/// else, which a warm report does not send.
/// </summary>
internal sealed record RequestBreakdown(
    int PartitionQueries,
    int FurtherPages,
    int MultiPagePartitions,
    int MarkerReads,
    int IndexReads,
    int IndexWrites,
    int IndexQueries,
    int LeaseAcquires,
    int LeaseRenewals,
    int LeaseReleases,
    int Uploads,
    int Downloads,
    int Other)
{
    public int Pages => PartitionQueries + FurtherPages;

    public int Bookkeeping => IndexReads + IndexWrites + IndexQueries + LeaseAcquires + LeaseRenewals + LeaseReleases + Uploads + Downloads;

    public int Total => Pages + MarkerReads + Bookkeeping + Other;

    /// <summary>
    /// Sorts the requests of the table client and of the blob client. A table request names its table and, for
    /// one entity, its keys in the last segment of the path (<c>Entries()</c> for a query,
    /// <c>Reports(PartitionKey='…',RowKey='…')</c> for an entity); a query's later pages carry the continuation
    /// (<c>NextPartitionKey</c>). Requests to a table other than the record tables are the report index's.
    /// </summary>
    public static RequestBreakdown Of(IEnumerable<SentRequest> tableRequests, IEnumerable<SentRequest> blobRequests, IReadOnlySet<string> recordTables)
    {
        int queries = 0, further = 0, markers = 0, indexReads = 0, indexWrites = 0, indexQueries = 0, acquires = 0, renewals = 0, releases = 0, uploads = 0, downloads = 0, other = 0;
        var multiPage = new HashSet<(string, string)>();
        foreach (var request in tableRequests)
        {
            var segment = Uri.UnescapeDataString(request.Uri.Segments[^1]);
            var open = segment.IndexOf('(', StringComparison.Ordinal);
            var table = open < 0 ? segment : segment[..open];
            var isQuery = segment.EndsWith("()", StringComparison.Ordinal);
            var isEntity = open >= 0 && !isQuery;
            if (recordTables.Contains(table) && request.Method == "GET" && isQuery)
            {
                if (HttpUtility.ParseQueryString(request.Uri.Query)["NextPartitionKey"] is { } partition)
                {
                    further++;
                    multiPage.Add((table, partition));
                }
                else
                {
                    queries++;
                }
            }
            else if (recordTables.Contains(table) && request.Method == "GET" && segment.EndsWith($"RowKey='{RecordKeys.MovesRow}')", StringComparison.Ordinal))
            {
                markers++;
            }
            else if (!recordTables.Contains(table) && isEntity && request.Method == "GET")
            {
                indexReads++;
            }
            else if (!recordTables.Contains(table) && isEntity && request.Method is "PUT" or "MERGE" or "PATCH")
            {
                indexWrites++;
            }
            else if (!recordTables.Contains(table) && isQuery && request.Method == "GET")
            {
                indexQueries++;
            }
            else
            {
                other++;
            }
        }
        foreach (var request in blobRequests)
        {
            var comp = HttpUtility.ParseQueryString(request.Uri.Query)["comp"];
            switch (request.Method, comp, request.LeaseAction)
            {
                case ("PUT", "lease", "acquire"):
                    acquires++;
                    break;
                case ("PUT", "lease", "renew"):
                    renewals++;
                    break;
                case ("PUT", "lease", "release"):
                    releases++;
                    break;
                case ("PUT", null, _):
                    uploads++;
                    break;
                case ("GET", null, _):
                    downloads++;
                    break;
                default:
                    other++;
                    break;
            }
        }
        return new RequestBreakdown(queries, further, multiPage.Count, markers, indexReads, indexWrites, indexQueries, acquires, renewals, releases, uploads, downloads, other);
    }

    public override string ToString() =>
        $"{Total} = {Pages} pages ({PartitionQueries} partition queries, {FurtherPages} further pages in {MultiPagePartitions} partitions) + " +
        $"{MarkerReads} marker reads + {Bookkeeping} bookkeeping (lease {LeaseAcquires} acquire, {LeaseRenewals} renewals, {LeaseReleases} release; " +
        $"index {IndexReads} read, {IndexWrites} writes, {IndexQueries} family query; {Uploads} uploads, {Downloads} family cells read)" + (Other > 0 ? $" + {Other} other" : "");
}
