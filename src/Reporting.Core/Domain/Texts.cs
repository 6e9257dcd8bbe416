namespace Reporting.Domain;

/// <summary>
/// The messages of validation, in English, Dutch and French. Each says what is wrong and what to send instead;
/// none repeats what the caller sent, except valid codes. Arguments are codes, numbers, dates and field names of
/// the contract, which stay as they are in every language.
/// </summary>
public static class Texts
{
    // The shape of a JSON body.
    public static readonly MessageTemplate ExpectedObject = new(
        "Expected a JSON object.",
        "Verwacht: een JSON-object.",
        "Attendu : un objet JSON.");

    public static readonly MessageTemplate GivenTwice = new(
        "Property given more than once; send it once.",
        "Eigenschap meer dan eens gegeven; stuur ze één keer.",
        "Propriété donnée plus d’une fois ; envoyez-la une seule fois.");

    public static readonly MessageTemplate UnknownProperty = new(
        "Unknown property at position {0} (counted from 1); the properties are: {1}.",
        "Onbekende eigenschap op positie {0} (geteld vanaf 1); de eigenschappen zijn: {1}.",
        "Propriété inconnue à la position {0} (comptée à partir de 1) ; les propriétés sont : {1}.");

    public static readonly MessageTemplate UnknownProperties = new(
        "Unknown properties at positions {0} (counted from 1); the properties are: {1}.",
        "Onbekende eigenschappen op posities {0} (geteld vanaf 1); de eigenschappen zijn: {1}.",
        "Propriétés inconnues aux positions {0} (comptées à partir de 1) ; les propriétés sont : {1}.");

    public static readonly MessageTemplate UnknownPropertiesAndMore = new(
        "Unknown properties at positions {0} and {1} more (counted from 1); the properties are: {2}.",
        "Onbekende eigenschappen op posities {0} en nog {1} (geteld vanaf 1); de eigenschappen zijn: {2}.",
        "Propriétés inconnues aux positions {0} et {1} de plus (comptées à partir de 1) ; les propriétés sont : {2}.");

    // How many problems an answer leaves out.
    public static readonly MessageTemplate OneNotListedFull = new(
        "1 problem not listed (this answer is full); correct the others, send again, and it is listed.",
        "1 probleem niet vermeld (dit antwoord is vol); verbeter de andere, stuur opnieuw, en het wordt vermeld.",
        "1 problème non listé (cette réponse est pleine) ; corrigez les autres, renvoyez, et il sera listé.");

    public static readonly MessageTemplate NotListedFull = new(
        "{0} problems not listed (this answer is full); correct the others, send again, and these are listed.",
        "{0} problemen niet vermeld (dit antwoord is vol); verbeter de andere, stuur opnieuw, en ze worden vermeld.",
        "{0} problèmes non listés (cette réponse est pleine) ; corrigez les autres, renvoyez, et ils seront listés.");

    public static readonly MessageTemplate OneMoreNotListed = new(
        "…and 1 more problem not listed; correct those listed and send again.",
        "…en nog 1 probleem niet vermeld; verbeter de vermelde en stuur opnieuw.",
        "…et 1 problème de plus non listé ; corrigez ceux listés et renvoyez.");

    public static readonly MessageTemplate MoreNotListed = new(
        "…and {0} more problems not listed; correct those listed and send again.",
        "…en nog {0} problemen niet vermeld; verbeter de vermelde en stuur opnieuw.",
        "…et {0} problèmes de plus non listés ; corrigez ceux listés et renvoyez.");

    // Fields.
    public static readonly MessageTemplate Required = new(
        "Required.",
        "Verplicht.",
        "Obligatoire.");

    public static readonly MessageTemplate RequiredWhat = new(
        "Required: {0}",
        "Verplicht: {0}",
        "Obligatoire : {0}");

    public static readonly MessageTemplate ExpectedString = new(
        "Expected a string.",
        "Verwacht: een tekst (string).",
        "Attendu : une chaîne de caractères.");

    public static readonly MessageTemplate NotBlank = new(
        "Must not be blank; leave it out or send null.",
        "Mag niet leeg zijn; laat het weg of stuur null.",
        "Ne doit pas être vide ; omettez-le ou envoyez null.");

    public static readonly MessageTemplate AtMostCharacters = new(
        "At most {0} characters.",
        "Hoogstens {0} tekens.",
        "Au plus {0} caractères.");

    public static readonly MessageTemplate NoControlCharacters = new(
        "Must not contain control characters.",
        "Mag geen stuurtekens bevatten.",
        "Ne doit pas contenir de caractères de contrôle.");

    public static readonly MessageTemplate Uuid = new(
        "Must be a UUID such as 3f2c9a4e-0d7b-4f8e-9a61-2b5f0c1d7e93.",
        "Moet een UUID zijn, zoals 3f2c9a4e-0d7b-4f8e-9a61-2b5f0c1d7e93.",
        "Doit être un UUID, par exemple 3f2c9a4e-0d7b-4f8e-9a61-2b5f0c1d7e93.");

    public static readonly MessageTemplate UnknownCodeOneOf = new(
        "Unknown code in {0}: send one of {1}.",
        "Onbekende code in {0}: stuur een van {1}.",
        "Code inconnu dans {0} : envoyez l’un de {1}.");

    public static readonly MessageTemplate UnknownCode = new(
        "Unknown code in {0}; GET /api/reference lists the codes.",
        "Onbekende code in {0}; GET /api/reference somt de codes op.",
        "Code inconnu dans {0} ; GET /api/reference en donne la liste.");

    public static readonly MessageTemplate TooManyCodes = new(
        "At most {0} items: {1} has {0} codes, each given at most once.",
        "Hoogstens {0} elementen: {1} heeft {0} codes, elk hoogstens één keer gegeven.",
        "Au plus {0} éléments : {1} a {0} codes, chacun donné au plus une fois.");

    public static readonly MessageTemplate ExpectedStringCode = new(
        "Expected a string code.",
        "Verwacht: een code als tekst.",
        "Attendu : un code sous forme de texte.");

    public static readonly MessageTemplate CodeGivenTwice = new(
        "Code given more than once; send each code once.",
        "Code meer dan eens gegeven; stuur elke code één keer.",
        "Code donné plus d’une fois ; envoyez chaque code une seule fois.");

    public static readonly MessageTemplate ItemGivenTwice = new(
        "Given more than once; send each once.",
        "Meer dan eens gegeven; stuur elk één keer.",
        "Donné plus d’une fois ; envoyez chacun une seule fois.");

    public static readonly MessageTemplate AtMostItems = new(
        "At most {0} items.",
        "Hoogstens {0} elementen.",
        "Au plus {0} éléments.");

    public static readonly MessageTemplate ExpectedArray = new(
        "Expected an array.",
        "Verwacht: een lijst (array).",
        "Attendu : un tableau (array).");

    public static readonly MessageTemplate AtLeastOne = new(
        "Give at least one.",
        "Geef er minstens één.",
        "Donnez-en au moins un.");

    public static readonly MessageTemplate AtLeast = new(
        "Give at least {0}.",
        "Geef er minstens {0}.",
        "Donnez-en au moins {0}.");

    public static readonly MessageTemplate ExpectedDate = new(
        "Expected a date as yyyy-MM-dd, such as 2022-03-14.",
        "Verwacht: een datum als jjjj-MM-dd, zoals 2022-03-14.",
        "Attendu : une date au format aaaa-MM-jj, par exemple 2022-03-14.");

    public static readonly MessageTemplate NotBefore = new(
        "Must not be before {0:yyyy-MM-dd}.",
        "Mag niet vóór {0:yyyy-MM-dd} liggen.",
        "Ne doit pas être avant le {0:yyyy-MM-dd}.");

    public static readonly MessageTemplate NotInFuture = new(
        "Must not be in the future (Europe/Brussels).",
        "Mag niet in de toekomst liggen (Europe/Brussels).",
        "Ne doit pas être dans le futur (Europe/Brussels).");

    public static readonly MessageTemplate WholeNumber = new(
        "Expected a whole number from {0} to {1}.",
        "Verwacht: een geheel getal van {0} tot {1}.",
        "Attendu : un nombre entier de {0} à {1}.");

    public static readonly MessageTemplate TrueOrFalse = new(
        "Expected true or false.",
        "Verwacht: true of false.",
        "Attendu : true ou false.");

    // Where.
    public static readonly MessageTemplate Municipality = new(
        "A NIS code of the Brussels region, such as 21015 (GET /api/reference lists them).",
        "Een NIS-code van het Brussels Gewest, zoals 21015 (GET /api/reference somt ze op).",
        "Un code INS de la Région bruxelloise, par exemple 21015 (GET /api/reference en donne la liste).");

    public static readonly MessageTemplate Neighbourhood = new(
        "A neighbourhood code, such as 23 (GET /api/reference lists them).",
        "Een wijkcode, zoals 23 (GET /api/reference somt ze op).",
        "Un code de quartier, par exemple 23 (GET /api/reference en donne la liste).");

    public static readonly MessageTemplate NeighbourhoodElsewhere = new(
        "Neighbourhood {0} lies in municipality {1}, not in {2}.",
        "Wijk {0} ligt in gemeente {1}, niet in {2}.",
        "Le quartier {0} se trouve dans la commune {1}, pas dans {2}.");

    public static readonly MessageTemplate MunicipalityOrNeighbourhood = new(
        "Give a municipality (a NIS code such as 21015) or a neighbourhood (a code such as 23).",
        "Geef een gemeente (een NIS-code zoals 21015) of een wijk (een code zoals 23).",
        "Donnez une commune (un code INS tel que 21015) ou un quartier (un code tel que 23).");

    public static readonly MessageTemplate NoParts = new(
        "Municipality {0} has no parts reported apart; leave the postcode out.",
        "Gemeente {0} heeft geen delen die apart gerapporteerd worden; laat de postcode weg.",
        "La commune {0} n’a pas de parties rapportées à part ; omettez le code postal.");

    public static readonly MessageTemplate PostcodeOneOf = new(
        "Expected one of {0} for municipality {1}.",
        "Verwacht: een van {0} voor gemeente {1}.",
        "Attendu : l’un de {0} pour la commune {1}.");

    // Personal data.
    public static readonly MessageTemplate NameHoldsPersonalData = new(
        "Must not hold personal data (it looks like {0}): name the activity, never a person.",
        "Mag geen persoonsgegevens bevatten (het lijkt op {0}): noem de activiteit, nooit een persoon.",
        "Ne doit pas contenir de données personnelles (cela ressemble à {0}) : nommez l’activité, jamais une personne.");

    public static readonly MessageTemplate CodeHoldsPersonalData = new(
        "Must not hold personal data (it looks like {0}). {1}",
        "Mag geen persoonsgegevens bevatten (het lijkt op {0}). {1}",
        "Ne doit pas contenir de données personnelles (cela ressemble à {0}). {1}");

    public static readonly MessageTemplate ReasonHoldsPersonalData = new(
        "Must not hold personal data (it looks like {0}); give a request reference instead.",
        "Mag geen persoonsgegevens bevatten (het lijkt op {0}); geef in de plaats een referentie van de aanvraag.",
        "Ne doit pas contenir de données personnelles (cela ressemble à {0}) ; donnez plutôt une référence de la demande.");

    public static readonly MessageTemplate EmailAddress = new("an e-mail address", "een e-mailadres", "une adresse e-mail");

    public static readonly MessageTemplate PhoneNumber = new("a phone number", "een telefoonnummer", "un numéro de téléphone");

    public static readonly MessageTemplate NationalNumber = new("a national register number", "een rijksregisternummer", "un numéro de registre national");

    public static readonly MessageTemplate AccountNumber = new("a bank account number", "een bankrekeningnummer", "un numéro de compte bancaire");

    /// <summary>What <see cref="PersonalData.Find"/> found, in words.</summary>
    public static Message PersonalDataKind(string kind) => kind switch
    {
        PersonalData.EmailAddress => EmailAddress,
        PersonalData.PhoneNumber => PhoneNumber,
        PersonalData.NationalNumber => NationalNumber,
        PersonalData.AccountNumber => AccountNumber,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), "Not a kind of personal data that PersonalData finds."),
    };

    // Worker codes.
    public static readonly MessageTemplate WorkerCode = new(
        "A worker code is the programme's code, a dash and a number of 1 to {0} digits, such as BAR-07.",
        "Een werkerscode is de code van het programma, een streepje en een getal van 1 tot {0} cijfers, zoals BAR-07.",
        "Un code de travailleur est le code du programme, un tiret et un nombre de 1 à {0} chiffres, par exemple BAR-07.");

    public static readonly MessageTemplate WorkerCodeOf = new(
        "A worker code of a {0} record is {0}, a dash and a number of 1 to {1} digits, such as {0}-07.",
        "Een werkerscode van een {0}-record is {0}, een streepje en een getal van 1 tot {1} cijfers, zoals {0}-07.",
        "Un code de travailleur d’un enregistrement {0} est {0}, un tiret et un nombre de 1 à {1} chiffres, par exemple {0}-07.");

    // Report requests.
    public static readonly MessageTemplate Language = new(
        "Expected nl, fr or en.",
        "Verwacht: nl, fr of en.",
        "Attendu : nl, fr ou en.");

    public static readonly MessageTemplate PeriodRequired = new(
        "Required: a month (2022-03), a quarter (2022-Q1), a year (2022) or {\"from\", \"to\"}.",
        "Verplicht: een maand (2022-03), een kwartaal (2022-Q1), een jaar (2022) of {\"from\", \"to\"}.",
        "Obligatoire : un mois (2022-03), un trimestre (2022-Q1), une année (2022) ou {\"from\", \"to\"}.");

    public static readonly MessageTemplate Period = new(
        "Expected a month (2022-03), a quarter (2022-Q1) or a year (2022).",
        "Verwacht: een maand (2022-03), een kwartaal (2022-Q1) of een jaar (2022).",
        "Attendu : un mois (2022-03), un trimestre (2022-Q1) ou une année (2022).");

    public static readonly MessageTemplate PeriodStringOrRange = new(
        "Expected a string, such as 2022-Q1, or {\"from\", \"to\"}.",
        "Verwacht: een tekst, zoals 2022-Q1, of {\"from\", \"to\"}.",
        "Attendu : une chaîne, par exemple 2022-Q1, ou {\"from\", \"to\"}.");

    public static readonly MessageTemplate PeriodBounds = new(
        "A report covers days from {0:yyyy-MM-dd} to {1:yyyy-MM-dd} (the end of the current year in Brussels).",
        "Een rapport beslaat dagen van {0:yyyy-MM-dd} tot {1:yyyy-MM-dd} (het einde van het lopende jaar in Brussel).",
        "Un rapport couvre les jours du {0:yyyy-MM-dd} au {1:yyyy-MM-dd} (la fin de l’année en cours à Bruxelles).");

    public static readonly MessageTemplate ToBeforeFrom = new(
        "Must not be before from.",
        "Mag niet vóór from liggen.",
        "Ne doit pas être avant from.");

    public static readonly MessageTemplate RangeTooLong = new(
        "A range spans at most {0} days.",
        "Een periode beslaat hoogstens {0} dagen.",
        "Une plage couvre au plus {0} jours.");
}
