using Reporting.Domain;

namespace Reporting.Http;

/// <summary>
/// The words of the HTTP answers (problem titles and details), in English, Dutch and French, beside the core's
/// <see cref="Texts"/>. Each detail says what to send. Arguments are numbers, codes, routes and header names.
/// </summary>
internal static class HttpTexts
{
    // Titles, by status, as the problems carry them.
    public static readonly MessageTemplate InvalidFieldsTitle = new("The request has invalid fields.", "Het verzoek heeft ongeldige velden.", "La requête contient des champs non valides.");
    public static readonly MessageTemplate NotFoundTitle = new("Not found", "Niet gevonden", "Introuvable");
    public static readonly MessageTemplate ForbiddenTitle = new("Forbidden", "Niet toegestaan", "Interdit");
    public static readonly MessageTemplate NotAuthenticatedTitle = new("Not authenticated", "Niet aangemeld", "Non authentifié");
    public static readonly MessageTemplate TooManyRequestsTitle = new("Too many requests", "Te veel verzoeken", "Trop de requêtes");
    public static readonly MessageTemplate StorageUnavailableTitle = new("Storage unavailable", "Opslag onbereikbaar", "Stockage indisponible");
    public static readonly MessageTemplate UnsupportedMediaTypeTitle = new("Unsupported media type", "Niet-ondersteund mediatype", "Type de média non pris en charge");
    public static readonly MessageTemplate BodyTooLargeTitle = new("Body too large", "Body te groot", "Corps trop volumineux");
    public static readonly MessageTemplate BatchTooLargeTitle = new("Batch too large", "Batch te groot", "Lot trop volumineux");
    public static readonly MessageTemplate IfMatchRequiredTitle = new("If-Match required", "If-Match vereist", "If-Match requis");
    public static readonly MessageTemplate RecordChangedTitle = new("Record changed", "Record gewijzigd", "Enregistrement modifié");
    public static readonly MessageTemplate RecordErasedTitle = new("Record erased", "Record gewist", "Enregistrement effacé");
    public static readonly MessageTemplate RecordChangingTitle = new("Record changing", "Record wordt gewijzigd", "Enregistrement en cours de modification");
    public static readonly MessageTemplate IdUsedTitle = new("Id already used", "Id al gebruikt", "Id déjà utilisé");
    public static readonly MessageTemplate UnknownVersionTitle = new("Unknown version", "Onbekende versie", "Version inconnue");
    public static readonly MessageTemplate NoSuchEditionTitle = new("No such edition", "Geen zulke editie", "Édition introuvable");
    public static readonly MessageTemplate EditionMissingTitle = new("Edition missing", "Editie ontbreekt", "Édition manquante");
    public static readonly MessageTemplate ReportMadeAgainTitle = new("Report being made again", "Rapport wordt opnieuw gemaakt", "Rapport en cours de régénération");
    public static readonly MessageTemplate ReportNotReadyTitle = new("Report not ready", "Rapport niet klaar", "Rapport pas prêt");
    public static readonly MessageTemplate MethodNotAllowedTitle = new("Method not allowed", "Methode niet toegestaan", "Méthode non autorisée");
    public static readonly MessageTemplate BadRequestTitle = new("Bad request", "Ongeldig verzoek", "Requête incorrecte");
    public static readonly MessageTemplate ServerErrorTitle = new(
        "An error occurred on our side; send the request again later, or tell us the trace id.",
        "Er ging bij ons iets mis; stuur het verzoek later opnieuw, of geef ons de trace-id.",
        "Une erreur s’est produite de notre côté ; renvoyez la requête plus tard, ou communiquez-nous le trace id.");

    /// <summary>The title of an answer the framework makes (an unknown route, an unhandled exception), by status.</summary>
    public static MessageTemplate? TitleOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequestTitle,
        StatusCodes.Status401Unauthorized => NotAuthenticatedTitle,
        StatusCodes.Status403Forbidden => ForbiddenTitle,
        StatusCodes.Status404NotFound => NotFoundTitle,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowedTitle,
        StatusCodes.Status413PayloadTooLarge => BodyTooLargeTitle,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaTypeTitle,
        StatusCodes.Status429TooManyRequests => TooManyRequestsTitle,
        StatusCodes.Status500InternalServerError => ServerErrorTitle,
        _ => null,
    };

    // Access.
    public static readonly MessageTemplate NoCredential = new(
        "Send your API key in the {0} header, or sign in (an app role of this API).",
        "Stuur uw API-sleutel in de header {0}, of meld u aan (een app-rol van deze API).",
        "Envoyez votre clé d’API dans l’en-tête {0}, ou connectez-vous (un rôle d’application de cette API).");

    public static readonly MessageTemplate UnknownCredential = new(
        "The API key sent in the {0} header is not known: send the key you were given (ask your coordinator), or sign in.",
        "De API-sleutel in de header {0} is niet bekend: stuur de sleutel die u kreeg (vraag het uw coördinator), of meld u aan.",
        "La clé d’API envoyée dans l’en-tête {0} est inconnue : envoyez la clé qui vous a été donnée (demandez-la à votre coordinateur), ou connectez-vous.");

    public static readonly MessageTemplate TooManyRequests = new(
        "This key has used its requests for now; send again after Retry-After seconds.",
        "Deze sleutel heeft zijn verzoeken voorlopig opgebruikt; stuur opnieuw na Retry-After seconden.",
        "Cette clé a épuisé ses requêtes pour l’instant ; renvoyez après Retry-After secondes.");

    public static readonly MessageTemplate RoleMayNot = new(
        "A {0} may not call this function.",
        "Een {0} mag deze functie niet oproepen.",
        "Un {0} ne peut pas appeler cette fonction.");

    public static readonly MessageTemplate FieldWorker = new("field worker", "veldwerker", "travailleur de terrain");
    public static readonly MessageTemplate Coordinator = new("coordinator", "coördinator", "coordinateur");
    public static readonly MessageTemplate Funder = new("funder", "financier", "bailleur de fonds");

    public static readonly MessageTemplate StorageUnavailable = new(
        "Storage did not answer; nothing was lost on your side. Send the same request again in {0} seconds.",
        "De opslag antwoordde niet; aan uw kant ging niets verloren. Stuur hetzelfde verzoek opnieuw over {0} seconden.",
        "Le stockage n’a pas répondu ; rien n’est perdu de votre côté. Renvoyez la même requête dans {0} secondes.");

    public static readonly MessageTemplate NotYourProgramme = new(
        "Programme {0} is not one of yours (yours: {1}).",
        "Programma {0} is niet een van de uwe (de uwe: {1}).",
        "Le programme {0} n’est pas l’un des vôtres (les vôtres : {1}).");

    public static readonly MessageTemplate NotYourProgrammeUnnamed = new(
        "The programme asked for is not one of yours (yours: {0}).",
        "Het gevraagde programma is niet een van de uwe (de uwe: {0}).",
        "Le programme demandé n’est pas l’un des vôtres (les vôtres : {0}).");

    public static readonly MessageTemplate OwnWorkOnly = new(
        "A field worker may only record and correct their own work (their own worker code).",
        "Een veldwerker mag enkel zijn eigen werk registreren en verbeteren (zijn eigen werkerscode).",
        "Un travailleur de terrain ne peut enregistrer et corriger que son propre travail (son propre code de travailleur).");

    // Bodies.
    public static readonly MessageTemplate SendJson = new(
        "Send the body as application/json (UTF-8).",
        "Stuur de body als application/json (UTF-8).",
        "Envoyez le corps en application/json (UTF-8).");

    public static readonly MessageTemplate BodyTooLarge = new(
        "The body is larger than {0} bytes; send fewer records at a time.",
        "De body is groter dan {0} bytes; stuur minder records tegelijk.",
        "Le corps dépasse {0} octets ; envoyez moins d’enregistrements à la fois.");

    public static readonly MessageTemplate EmptyBody = new(
        "The body is empty; send a JSON object.",
        "De body is leeg; stuur een JSON-object.",
        "Le corps est vide ; envoyez un objet JSON.");

    public static readonly MessageTemplate NotJsonAt = new(
        "The body is not valid JSON (line {0}, position {1}); send a JSON object.",
        "De body is geen geldige JSON (regel {0}, positie {1}); stuur een JSON-object.",
        "Le corps n’est pas du JSON valide (ligne {0}, position {1}) ; envoyez un objet JSON.");

    public static readonly MessageTemplate NotJson = new(
        "The body is not valid JSON; send a JSON object.",
        "De body is geen geldige JSON; stuur een JSON-object.",
        "Le corps n’est pas du JSON valide ; envoyez un objet JSON.");

    public static readonly MessageTemplate NotUtf8 = new(
        "The body holds text that is not UTF-8, or half a surrogate pair (\\ud800); send JSON in UTF-8.",
        "De body bevat tekst die geen UTF-8 is, of een half surrogaatpaar (\\ud800); stuur JSON in UTF-8.",
        "Le corps contient du texte qui n’est pas de l’UTF-8, ou une demi-paire de substitution (\\ud800) ; envoyez du JSON en UTF-8.");

    // Records.
    public static readonly MessageTemplate RecordErased = new(
        "A record with this id was erased on request; it cannot be stored again. Remove it from the form's queue.",
        "Een record met deze id werd op verzoek gewist; het kan niet opnieuw opgeslagen worden. Haal het uit de wachtrij van het formulier.",
        "Un enregistrement avec cet id a été effacé sur demande ; il ne peut plus être enregistré. Retirez-le de la file d’attente du formulaire.");

    public static readonly MessageTemplate IfMatchMissing = new(
        "Send the ETag of the record you corrected (from its GET) in If-Match, so that no one else's correction is overwritten.",
        "Stuur de ETag van het record dat u verbeterde (uit zijn GET) in If-Match, zodat niemand anders zijn verbetering overschreven wordt.",
        "Envoyez l’ETag de l’enregistrement que vous avez corrigé (de son GET) dans If-Match, afin de n’écraser la correction de personne d’autre.");

    public static readonly MessageTemplate IfMatchAny = new(
        "If-Match: * is not accepted: send the ETag from the record's GET, so that no one else's correction is overwritten.",
        "If-Match: * wordt niet aanvaard: stuur de ETag uit de GET van het record, zodat niemand anders zijn verbetering overschreven wordt.",
        "If-Match: * n’est pas accepté : envoyez l’ETag du GET de l’enregistrement, afin de n’écraser la correction de personne d’autre.");

    public static readonly MessageTemplate RecordChanged = new(
        "The record changed since you read it: GET it again, apply your correction to it and send it with its new ETag.",
        "Het record wijzigde sinds u het las: vraag het opnieuw op met GET, pas uw verbetering toe en stuur het met zijn nieuwe ETag.",
        "L’enregistrement a changé depuis votre lecture : relisez-le avec GET, appliquez-y votre correction et envoyez-le avec son nouvel ETag.");

    public static readonly MessageTemplate EraseReasonRequired = new(
        "Required: why the record is erased (for instance the reference of the request).",
        "Verplicht: waarom het record gewist wordt (bijvoorbeeld de referentie van de aanvraag).",
        "Obligatoire : pourquoi l’enregistrement est effacé (par exemple la référence de la demande).");

    public static readonly MessageTemplate RecordChanging = new(
        "The record was corrected several times while it was being erased; send the erasure again.",
        "Het record werd meermaals verbeterd terwijl het gewist werd; stuur de wissing opnieuw.",
        "L’enregistrement a été corrigé plusieurs fois pendant son effacement ; renvoyez l’effacement.");

    public static readonly MessageTemplate RecordNotFound = new(
        "No record with this id is stored, or it is not one you may see.",
        "Er is geen record met deze id opgeslagen, of u mag het niet zien.",
        "Aucun enregistrement avec cet id n’est stocké, ou vous ne pouvez pas le voir.");

    public static readonly MessageTemplate IdTakenOtherContent = new(
        "A record with this id is already stored with other content; use a new id for a new record.",
        "Er is al een record met deze id opgeslagen met andere inhoud; gebruik een nieuwe id voor een nieuw record.",
        "Un enregistrement avec cet id est déjà stocké avec un autre contenu ; utilisez un nouvel id pour un nouvel enregistrement.");

    public static readonly MessageTemplate IdTakenFields = new(
        "A record with this id is already stored with other content ({0}). Send a correction with PUT, or use a new id for a new record.",
        "Er is al een record met deze id opgeslagen met andere inhoud ({0}). Stuur een verbetering met PUT, of gebruik een nieuwe id voor een nieuw record.",
        "Un enregistrement avec cet id est déjà stocké avec un autre contenu ({0}). Envoyez une correction avec PUT, ou utilisez un nouvel id pour un nouvel enregistrement.");

    public static readonly MessageTemplate DiffersFromStored = new(
        "Differs from the record stored under this id.",
        "Verschilt van het record dat onder deze id is opgeslagen.",
        "Diffère de l’enregistrement stocké sous cet id.");

    public static readonly MessageTemplate IdTaken = new(
        "Already used by a stored record with other content; use a new id for a new record.",
        "Al gebruikt door een opgeslagen record met andere inhoud; gebruik een nieuwe id voor een nieuw record.",
        "Déjà utilisé par un enregistrement stocké avec un autre contenu ; utilisez un nouvel id pour un nouvel enregistrement.");

    public static readonly MessageTemplate IdErased = new(
        "This record was erased; its id cannot be used again.",
        "Dit record werd gewist; zijn id kan niet opnieuw gebruikt worden.",
        "Cet enregistrement a été effacé ; son id ne peut plus être utilisé.");

    public static readonly MessageTemplate IdTwiceInBatch = new(
        "Given twice in this batch with different content.",
        "Twee keer gegeven in deze batch, met verschillende inhoud.",
        "Donné deux fois dans ce lot, avec un contenu différent.");

    public static readonly MessageTemplate IdMustMatchPath = new(
        "Must be the id of the record in the path; a record's id never changes.",
        "Moet de id van het record in het pad zijn; de id van een record verandert nooit.",
        "Doit être l’id de l’enregistrement dans le chemin ; l’id d’un enregistrement ne change jamais.");

    public static readonly MessageTemplate ReasonTooLong = new(
        "At most {0} characters.",
        "Hoogstens {0} tekens.",
        "Au plus {0} caractères.");

    // Batches.
    public static readonly MessageTemplate BatchTooMany = new(
        "At most {0} records in one batch; send the rest in another.",
        "Hoogstens {0} records in één batch; stuur de rest in een andere.",
        "Au plus {0} enregistrements par lot ; envoyez le reste dans un autre.");

    public static readonly MessageTemplate BatchEnvelope = new(
        "Expected a JSON object with a \"records\" array.",
        "Verwacht: een JSON-object met een array \"records\".",
        "Attendu : un objet JSON avec un tableau \"records\".");

    public static readonly MessageTemplate RecordsArray = new(
        "Expected an array of records.",
        "Verwacht: een array van records.",
        "Attendu : un tableau d’enregistrements.");

    public static readonly MessageTemplate AtLeastOneRecord = new(
        "Give at least one record.",
        "Geef minstens één record.",
        "Donnez au moins un enregistrement.");

    // Audit.
    public static readonly MessageTemplate AuditProgramme = new(
        "Required: the programme whose trail to list (?programme=BAR).",
        "Verplicht: het programma waarvan het spoor opgelijst wordt (?programme=BAR).",
        "Obligatoire : le programme dont lister la piste d’audit (?programme=BAR).");

    public static readonly MessageTemplate AuditMax = new(
        "Expected a whole number of entries, from 1 to {0}.",
        "Verwacht: een geheel aantal regels, van 1 tot {0}.",
        "Attendu : un nombre entier d’entrées, de 1 à {0}.");

    // Reports.
    public static readonly MessageTemplate ReportNotFound = new(
        "No report with this id is stored, or it is not one you may see; GET /api/reports lists yours.",
        "Er is geen rapport met deze id opgeslagen, of u mag het niet zien; GET /api/reports somt de uwe op.",
        "Aucun rapport avec cet id n’est stocké, ou vous ne pouvez pas le voir ; GET /api/reports liste les vôtres.");

    public static readonly MessageTemplate QueryPeriod = new(
        "A year (2022), a quarter (2022-Q1) or a month (2022-03): the reports of that period and of the periods within it.",
        "Een jaar (2022), een kwartaal (2022-Q1) of een maand (2022-03): de rapporten van die periode en van de periodes erin.",
        "Une année (2022), un trimestre (2022-Q1) ou un mois (2022-03) : les rapports de cette période et des périodes qu’elle contient.");

    public static readonly MessageTemplate QueryKind = new(
        "One of month, quarter, year, range.",
        "Een van month, quarter, year, range.",
        "L’un de month, quarter, year, range.");

    public static readonly MessageTemplate NoSuchEdition = new(
        "This report has no edition \"{0}\" you may see; {1} lists its editions.",
        "Dit rapport heeft geen editie \"{0}\" die u mag zien; {1} somt zijn edities op.",
        "Ce rapport n’a pas d’édition « {0} » que vous pouvez voir ; {1} en liste les éditions.");

    public static readonly MessageTemplate EditionMissing = new(
        "The workbook of edition {0} is missing from storage; a coordinator can ask for the report again.",
        "De werkmap van editie {0} ontbreekt in de opslag; een coördinator kan het rapport opnieuw aanvragen.",
        "Le classeur de l’édition {0} manque dans le stockage ; un coordinateur peut redemander le rapport.");

    public static readonly MessageTemplate ReportMadeAgain = new(
        "The workbook of this report is missing; the report is being made again ({0}): poll {1} until it is ready.",
        "De werkmap van dit rapport ontbreekt; het rapport wordt opnieuw gemaakt ({0}): vraag {1} op tot het klaar is.",
        "Le classeur de ce rapport manque ; le rapport est en cours de régénération ({0}) : interrogez {1} jusqu’à ce qu’il soit prêt.");

    public static readonly MessageTemplate ReportNotReady = new(
        "The report is {0}; poll {1} until it is ready.",
        "Het rapport is {0}; vraag {1} op tot het klaar is.",
        "Le rapport est {0} ; interrogez {1} jusqu’à ce qu’il soit prêt.");

    // Record lists, exports, data quality.
    public static readonly MessageTemplate ExportNotFound = new(
        "Exports are /api/exports/entries and /api/exports/activities.",
        "Exports zijn /api/exports/entries en /api/exports/activities.",
        "Les exports sont /api/exports/entries et /api/exports/activities.");

    public static readonly MessageTemplate ListProgramme = new(
        "Required: the programme whose records to list (?programme=BAR).",
        "Verplicht: het programma waarvan de records opgelijst worden (?programme=BAR).",
        "Obligatoire : le programme dont lister les enregistrements (?programme=BAR).");

    public static readonly MessageTemplate ListPeriodRequired = new(
        "Required: a year (2022), a quarter (2022-Q1) or a month (2022-03).",
        "Verplicht: een jaar (2022), een kwartaal (2022-Q1) of een maand (2022-03).",
        "Obligatoire : une année (2022), un trimestre (2022-Q1) ou un mois (2022-03).");

    public static readonly MessageTemplate ListPeriod = new(
        "A year (2022), a quarter (2022-Q1) or a month (2022-03).",
        "Een jaar (2022), een kwartaal (2022-Q1) of een maand (2022-03).",
        "Une année (2022), un trimestre (2022-Q1) ou un mois (2022-03).");

    public static readonly MessageTemplate OwnRecordsOnly = new(
        "A field worker lists only their own records: leave worker out, or give your own worker code.",
        "Een veldwerker lijst enkel zijn eigen records op: laat worker weg, of geef uw eigen werkerscode.",
        "Un travailleur de terrain ne liste que ses propres enregistrements : omettez worker, ou donnez votre propre code de travailleur.");

    public static readonly MessageTemplate ListLimit = new(
        "A whole number of records per page, from 1 to {0}.",
        "Een geheel aantal records per pagina, van 1 tot {0}.",
        "Un nombre entier d’enregistrements par page, de 1 à {0}.");

    public static readonly MessageTemplate ReportListLimit = new(
        "A whole number of reports per page, from 1 to {0}.",
        "Een geheel aantal rapporten per pagina, van 1 tot {0}.",
        "Un nombre entier de rapports par page, de 1 à {0}.");

    public static readonly MessageTemplate RecordCursor = new(
        "A cursor from the next link of this list, with the same programme and period; or leave it out for the first page.",
        "Een cursor uit de next-link van deze lijst, met hetzelfde programma en dezelfde periode; of laat hem weg voor de eerste pagina.",
        "Un curseur tiré du lien next de cette liste, avec le même programme et la même période ; ou omettez-le pour la première page.");

    public static readonly MessageTemplate ReportCursor = new(
        "A cursor from the next link of this list; or leave it out for the first page.",
        "Een cursor uit de next-link van deze lijst; of laat hem weg voor de eerste pagina.",
        "Un curseur tiré du lien next de cette liste ; ou omettez-le pour la première page.");

    // Reference data.
    public static readonly MessageTemplate UnknownVersion = new(
        "No reference data has this version; send one of: {0}.",
        "Geen referentiegegevens hebben deze versie; stuur een van: {0}.",
        "Aucune donnée de référence n’a cette version ; envoyez l’une de : {0}.");
}
