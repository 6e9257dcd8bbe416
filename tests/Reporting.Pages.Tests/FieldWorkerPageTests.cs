using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Reporting.Tests.Support;

namespace Reporting.Tests.Pages;

/// <summary>The field worker's page: records kept in the browser without a connection and sent once when it returns.</summary>
[Collection(PageTests.Name)]
public sealed class FieldWorkerPageTests(AzuriteFixture azurite, BrowserFixture browser)
{
    private static readonly LocatorWaitForOptions Soon = new() { Timeout = 20_000 };

    /// <summary>How many rows storage holds for a record id: its record row and its period row, each once.</summary>
    private static async Task<(int Records, int Periods)> StoredRowsOfAsync(TestService service, string table, string id)
    {
        var rows = new StoredRows(service.ConnectionString, service.TablePrefix);
        var all = await rows.AllAsync(table);
        var records = all.Count(r => Reporting.Storage.RecordKeys.IsRecordRow(r.RowKey) && Reporting.Storage.RecordKeys.IdOfRecordRow(r.RowKey) == id);
        var periods = (await rows.PeriodRowsAsync(table)).Count(p => p.Id == id);
        return (records, periods);
    }

    private static async Task FillEntryAsync(IPage page)
    {
        var form = page.Locator("form.record-form[data-kind=entry]");
        await form.GetByLabel("Gemeente").SelectOptionAsync("21015");
        await form.GetByLabel("Wijk").SelectOptionAsync("23");
        await form.GetByLabel("Hoe heb ik de persoon leren kennen?").SelectOptionAsync("public-space");
        await form.Locator("input[name=initiative][value=outreach]").CheckAsync();
        await form.GetByLabel("Plaats van de interventie").SelectOptionAsync("outside");
        await form.Locator("input[name=actions][value=inform]").CheckAsync();
        await form.Locator("input[name=actions][value=refer-service]").CheckAsync();
        await form.Locator("input[name=nonTakeUp][value=non-knowledge]").CheckAsync();
        await form.Locator("input[name=themes][value=K]").CheckAsync();
        await form.Locator("input[name=themes][value=E]").CheckAsync();
    }

    [Fact]
    public async Task AnEntryFilledInOfflineWaitsInTheBrowserAndIsStoredOnceWhenTheConnectionReturns()
    {
        await using var service = await TestService.StartAsync(azurite);
        await using var context = await PageChecks.ContextAsync(browser.Browser, service);
        var page = await PageChecks.SignInAsync(context, TestKeys.FieldWorker);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Nieuwe registratie" }).WaitForAsync(Soon);
        await PageChecks.ScreenshotAsync(page, "field-worker-entry-form");
        await PageChecks.AssertAccessibleAsync(page);

        await context.SetOfflineAsync(true);
        await page.Locator(".connection.offline").WaitForAsync(Soon);
        await FillEntryAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Bewaren en verzenden" }).ClickAsync();

        var queued = page.Locator("ul.outbox li.status-queued");
        await queued.WaitForAsync(Soon);
        Assert.Equal(1, await queued.CountAsync());
        var id = (await queued.GetAttributeAsync("data-id"))!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$", id);
        Assert.Contains("wacht", await queued.InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.ScreenshotAsync(page, "field-worker-offline-queued");
        // Nothing reached the service while offline.
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync($"/api/entries/{id}")).StatusCode);

        await context.SetOfflineAsync(false);
        var created = page.Locator($"ul.outbox li.status-created[data-id='{id}']");
        await created.WaitForAsync(Soon);
        Assert.Contains("opgeslagen", await created.InnerTextAsync(), StringComparison.Ordinal);
        await PageChecks.ScreenshotAsync(page, "field-worker-sent");

        var stored = (await service.Client.GetFromJsonAsync<JsonObject>($"/api/entries/{id}"))!;
        Assert.Equal("BAR-07", stored["workerCode"]!.GetValue<string>());
        Assert.Equal("21015", stored["municipality"]!.GetValue<string>());
        Assert.Equal("23", stored["neighbourhood"]!.GetValue<string>());
        Assert.Equal("outreach", stored["initiative"]!.GetValue<string>());
        Assert.Equal(["E", "K"], stored["themes"]!.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal((1, 1), await StoredRowsOfAsync(service, StoredRows.Entries, id));

        // The answer lost on the way (the record put back in the queue) and the page opened again: sent again, the
        // service answers "duplicate" and still holds one record.
        await page.EvaluateAsync("""
            id => {
              const items = JSON.parse(localStorage.getItem('reporting.outbox.v1'));
              for (const item of items) if (item.id === id) { item.status = 'queued'; delete item.answeredAt; }
              localStorage.setItem('reporting.outbox.v1', JSON.stringify(items));
            }
            """, id);
        await page.ReloadAsync();
        await page.Locator($"ul.outbox li.status-duplicate[data-id='{id}']").WaitForAsync(Soon);
        await page.ReloadAsync();
        await page.Locator($"ul.outbox li[data-id='{id}']").WaitForAsync(Soon);
        Assert.Equal(0, await page.Locator("ul.outbox li.status-queued").CountAsync());
        Assert.Equal((1, 1), await StoredRowsOfAsync(service, StoredRows.Entries, id));

        // "My records this month" lists it from the service; its correction form puts it back with If-Match.
        var mine = page.Locator($"#mine-heading ~ div tr[data-id='{id}']");
        await mine.WaitForAsync(Soon);
        await mine.GetByRole(AriaRole.Button).ClickAsync();
        var correction = page.Locator(".correction form");
        await correction.WaitForAsync(Soon);
        Assert.Equal("outside", await correction.GetByLabel("Plaats van de interventie").InputValueAsync());
        await correction.GetByLabel("Plaats van de interventie").SelectOptionAsync("office");
        await correction.GetByLabel("Reden van de correctie").FillAsync("REQ-2026-88");
        await correction.GetByRole(AriaRole.Button, new() { Name = "Correctie opslaan" }).ClickAsync();
        await page.Locator(".correction .announce", new() { HasText = "Gecorrigeerd." }).WaitForAsync(Soon);
        await PageChecks.ScreenshotAsync(page, "field-worker-correction");
        var correctedRecord = (await service.Client.GetFromJsonAsync<JsonObject>($"/api/entries/{id}"))!;
        Assert.Equal("office", correctedRecord["place"]!.GetValue<string>());
        Assert.Equal("BAR-07", correctedRecord["workerCode"]!.GetValue<string>());
        Assert.Equal((1, 1), await StoredRowsOfAsync(service, StoredRows.Entries, id));
    }

    [Fact]
    public async Task ARecordTheServiceRefusesShowsWhyInThePagesLanguageAndCanBeRemoved()
    {
        await using var service = await TestService.StartAsync(azurite);
        await using var context = await PageChecks.ContextAsync(browser.Browser, service);
        var page = await PageChecks.SignInAsync(context, TestKeys.FieldWorker);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Nieuwe registratie" }).WaitForAsync(Soon);

        // A record kept by an older version of the form, dated before the service's earliest date.
        var record = Samples.Entry(date: "2019-03-15");
        var id = record["id"]!.GetValue<string>();
        await page.EvaluateAsync("""
            json => {
              const record = JSON.parse(json);
              localStorage.setItem('reporting.outbox.v1', JSON.stringify([{ kind: 'entry', id: record.id, record, status: 'queued', queuedAt: Date.now() }]));
            }
            """, record.ToJsonString());
        await page.ReloadAsync();

        var refused = page.Locator($"ul.outbox li.status-invalid[data-id='{id}']");
        await refused.WaitForAsync(Soon);
        var text = await refused.InnerTextAsync();
        Assert.Contains("geweigerd: na te kijken", text, StringComparison.Ordinal);
        Assert.Contains("$.date", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await service.Client.GetAsync($"/api/entries/{id}")).StatusCode);
        await PageChecks.ScreenshotAsync(page, "field-worker-refused");

        await refused.GetByRole(AriaRole.Button, new() { Name = "Verwijderen" }).ClickAsync();
        await refused.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 20_000 });
        Assert.Equal("[]", await page.EvaluateAsync<string>("localStorage.getItem('reporting.outbox.v1')"));
    }

    [Fact]
    public async Task ACollectiveActivityIsSentAndTheFormIsInFrenchOnAPhoneWithTheReferenceLabels()
    {
        await using var service = await TestService.StartAsync(azurite);
        await using var context = await PageChecks.ContextAsync(browser.Browser, service, locale: "fr-BE", phone: true);
        var page = await PageChecks.SignInAsync(context, TestKeys.FieldWorker);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Nouvel enregistrement" }).WaitForAsync(Soon);
        Assert.Equal("fr", await page.EvaluateAsync<string>("document.documentElement.lang"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Activité collective" }).ClickAsync();
        var form = page.Locator("form.record-form[data-kind=activity]");
        await form.WaitForAsync(Soon);
        // Labels of codes come from the reference data, in French.
        Assert.Equal("Stand social sur les marchés", (await form.Locator("select[name=format] option[value=market-stand]").InnerTextAsync()).Trim());
        Assert.Contains("Logement", await form.Locator("input[name=themes][value=K] + label").InnerTextAsync(), StringComparison.Ordinal);
        // Nothing is wider than the phone's screen.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

        // A form sent with required fields missing says which, and keeps nothing.
        await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et envoyer" }).ClickAsync();
        await form.Locator(".form-problem").WaitForAsync(Soon);
        Assert.Contains("Nom de l'activité", await form.Locator(".form-problem").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("ul.outbox li").CountAsync());

        await form.GetByLabel("Commune").SelectOptionAsync("21004");
        await form.GetByLabel("Section (code postal)").SelectOptionAsync("1020");
        await form.GetByLabel("Nom de l'activité").FillAsync("Stand social place Bockstael");
        await form.GetByLabel("Type d'activité").SelectOptionAsync("market-stand");
        await form.Locator("input[name=regularity][value=regular]").CheckAsync();
        await form.Locator("input[name=organisation][value=own]").CheckAsync();
        await form.Locator("input[name=themes][value=O]").CheckAsync();
        await form.GetByLabel("Nombre de participants").FillAsync("12");
        await form.GetByLabel("Autres travailleurs (codes)").FillAsync("bar-12");
        await PageChecks.ScreenshotAsync(page, "field-worker-activity-phone-fr");
        await form.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et envoyer" }).ClickAsync();

        var created = page.Locator("ul.outbox li.status-created");
        await created.WaitForAsync(Soon);
        var id = (await created.GetAttributeAsync("data-id"))!;
        var stored = (await service.Client.GetFromJsonAsync<JsonObject>($"/api/activities/{id}"))!;
        Assert.Equal(["BAR-07", "BAR-12"], stored["workerCodes"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Equal("1020", stored["postcode"]!.GetValue<string>());
        Assert.Equal(12, stored["participants"]!.GetValue<int>());
        await PageChecks.AssertAccessibleAsync(page);
    }
}
