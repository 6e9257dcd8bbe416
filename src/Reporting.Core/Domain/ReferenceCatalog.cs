namespace Reporting.Domain;

/// <summary>
/// The versions of the reference data the service knows. New records are validated against
/// <see cref="Current"/>; older versions stay here so records stored under them keep their meaning.
/// To change a code list, add a version (retire codes, never delete them) and make it current.
/// </summary>
public static class ReferenceCatalog
{
    public static ReferenceData Current { get; } = Version2026_1();

    public static IReadOnlyList<ReferenceData> Versions { get; } = [Current];

    public static ReferenceData? Find(string version) => Versions.FirstOrDefault(v => v.Version == version);

    private static Code C(string value, string nl, string fr, string en, bool retired = false) =>
        new(value, new Label(nl, fr, en), retired);

    private static ReferenceData Version2026_1() => new()
    {
        Version = "2026.1",
        ValidFrom = new DateOnly(2020, 1, 1),
        Programmes = new CodeList("programmes",
        [
            C("BAR", "Buurtactierelais", "Relais d'action de quartier", "Neighbourhood action relays"),
            C("CHW", "Community Health Workers", "Community Health Workers", "Community health workers"),
            C("PGBM", "Preventie- en gezondheidsbevorderingsmedewerkers", "Travailleurs de prévention et de promotion de la santé", "Prevention and health promotion workers"),
            C("GA", "Gezondheidsadviseurs", "Conseillers santé", "Health advisers"),
        ]),
        Themes = new CodeList("themes",
        [
            C("A", "Sociale middelen (isolement – sociale banden)", "Ressources sociales (isolement – liens sociaux)", "Social resources (isolation, social ties)"),
            C("B", "Digitale kloof: toegang tot technologieën (IT-materiaal en/of internetverbinding)", "Fracture numérique : accès aux technologies", "Digital divide: access to technology"),
            C("C", "Persoonlijke problemen (psychosociale of existentiële problemen, nood aan luisterend oor)", "Problèmes personnels (psychosociaux, existentiels, besoin d'écoute)", "Personal problems (psychosocial, need to be heard)"),
            C("D", "Voedselhulp", "Aide alimentaire", "Food aid"),
            C("E", "Vragen over administratieve procedures", "Démarches administratives", "Administrative procedures"),
            C("F", "Fysieke gezondheid (uitgezonderd COVID-19)", "Santé physique (hors COVID-19)", "Physical health (not COVID-19)"),
            C("G", "Andere", "Autre", "Other"),
            C("H", "Digitale kloof: vaardigheden en inzicht in geautomatiseerde procedures", "Fracture numérique : compétences et démarches en ligne", "Digital divide: skills and online procedures"),
            C("I", "COVID-19 - Vaccinatie", "COVID-19 – Vaccination", "COVID-19: vaccination"),
            C("J", "Financiële middelen (LL, werkloosheidssteun, pensioen en IGO)", "Ressources financières (RIS, chômage, pension, GRAPA)", "Financial resources (income support, benefits, pension)"),
            C("K", "Huisvesting", "Logement", "Housing"),
            C("L", "Kinderopvang - jeugd - schooltijd", "Accueil de l'enfance – jeunesse – scolarité", "Childcare, youth, school"),
            C("M", "COVID-19 - Informatie over de lockdownregels", "COVID-19 – Règles de confinement", "COVID-19: lockdown rules"),
            C("N", "COVID-19 - Tests", "COVID-19 – Tests", "COVID-19: testing"),
            C("O", "Energie/water/beschermde klant", "Énergie/eau/client protégé", "Energy, water, protected customer"),
            C("P", "Vreemdelingenrechten", "Droit des étrangers", "Foreigners' rights"),
            C("Q", "COVID-19 - Informatie over de ziekte", "COVID-19 – Information sur la maladie", "COVID-19: the disease"),
            C("R", "Geen specifiek onderwerp", "Pas de sujet spécifique", "No specific topic"),
            C("S", "Financiële situatie/schuldenlast", "Situation financière/endettement", "Financial situation, debt"),
            C("T", "Mentale gezondheid", "Santé mentale", "Mental health"),
            C("U", "Dakloosheid/noodopvang", "Sans-abrisme/hébergement d'urgence", "Homelessness, emergency shelter"),
            C("V", "Rechtspraak", "Justice", "Justice, legal"),
            C("W", "Familiale banden (huiselijk geweld, relaties,…)", "Liens familiaux (violences, relations…)", "Family ties (domestic violence, relationships)"),
            C("X", "Werk/opleiding/vrijwilligerswerk", "Emploi/formation/bénévolat", "Work, training, volunteering"),
            C("Y", "Verslaving", "Assuétudes", "Addiction"),
            C("Z", "Handicap/verlies van autonomie", "Handicap/perte d'autonomie", "Disability, loss of autonomy"),
        ]),
        NonTakeUp = new CodeList("nonTakeUp",
        [
            C("non-knowledge", "Niet kennen van een aanbod/dienst/recht", "Non-connaissance", "Not knowing the offer/service/right"),
            C("non-receipt", "Niet ontvangen van een aanbod/dienst/recht", "Non-réception", "Applied but not receiving it"),
            C("non-request", "Niet aanvragen van een aanbod/dienst/recht", "Non-demande", "Not applying for it"),
            C("exclusion", "Uitsluiting van een aanbod/dienst/recht", "Exclusion", "Excluded from it"),
            C("non-proposal", "Niet voorgesteld krijgen van een aanbod/dienst/recht", "Non-proposition", "Not being offered it"),
        ]),
        FirstContact = new CodeList("firstContact",
        [
            C("host-partner", "Via mijn hostingpartner", "Via mon partenaire d'accueil", "Through my host partner"),
            C("word-of-mouth", "Via mond-tot-mondreclame (familie, vrienden, buren…)", "Par le bouche-à-oreille (famille, amis, voisins…)", "Word of mouth (family, friends, neighbours)"),
            C("public-space", "Op een 'informele' manier in de openbare ruimte", "De manière « informelle » dans l'espace public", "Informally in public space"),
            C("collective-activity", "Tijdens een collectieve of gemeenschapsactiviteit", "Lors d'une activité collective ou communautaire", "During a collective or community activity"),
            C("local-partner", "Via een andere lokale partner (vzw, apotheek, handelszaak,…)", "Via un autre partenaire local (asbl, pharmacie, commerce…)", "Through another local partner (NGO, pharmacy, shop)"),
            C("internet", "Via het internet (website, sociale media,…)", "Via internet (site web, réseaux sociaux…)", "Through the internet (website, social media)"),
            C("other", "Andere", "Autre", "Other"),
        ]),
        Initiative = new CodeList("initiative",
        [
            C("self", "Op initiatief van de persoon zelf", "À l'initiative de la personne elle-même", "On the person's own initiative"),
            C("intermediary", "Via een tussenpersoon", "Via un intermédiaire", "Through an intermediary"),
            C("outreach", "Door de werker zelf via outreaching", "Par le travailleur lui-même, en allant vers", "By the worker, through outreach"),
        ]),
        Places = new CodeList("places",
        [
            C("office", "Op kantoor (tijdens en buiten de permanenties)", "Au bureau (pendant et en dehors des permanences)", "At the office (during and outside drop-in hours)"),
            C("outside", "'Buiten de muren'", "« Hors les murs »", "Outside the walls"),
            C("phone", "Via de telefoon (buiten de permanenties)", "Par téléphone (en dehors des permanences)", "By phone (outside drop-in hours)"),
            C("collective-activity", "Tijdens een collectieve activiteit", "Lors d'une activité collective", "During a collective activity"),
            C("other", "Andere of onbekend", "Autre ou inconnu", "Other or unknown"),
        ]),
        Actions = new CodeList("actions",
        [
            C("inform", "Informatie verstrekken", "Informer", "Give information"),
            C("direct-action", "Een directe actie uitvoeren (e-mail, online formulier, iemand opbellen, document afdrukken)", "Mener une action directe (e-mail, formulaire en ligne, appel, impression d'un document)", "Take direct action (e-mail, online form, phone call, printing a document)"),
            C("refer-service", "Doorverwijzen naar de juiste dienst voor individuele opvang", "Orienter vers le service adéquat pour un accompagnement individuel", "Refer to the right service for individual support"),
            C("listen", "Een luisterend oor/psychologische ondersteuning bieden", "Offrir une écoute/un soutien psychologique", "Listen, give psychological support"),
            C("refer-collective", "Doorverwijzen naar een collectieve of gemeenschapsactiviteit", "Orienter vers une activité collective ou communautaire", "Refer to a collective or community activity"),
        ]),
        Vulnerabilities = new CodeList("vulnerabilities",
        [
            C("language", "Taalbarrière", "Barrière linguistique", "Language barrier"),
            C("digital", "Digitale kloof", "Fracture numérique", "Digital divide"),
            C("isolation", "Sociaal isolement", "Isolement social", "Social isolation"),
            C("health-literacy", "Beperkte gezondheidsgeletterdheid", "Faible littératie en santé", "Low health literacy"),
            C("no-papers", "Geen verblijfspapieren", "Sans titre de séjour", "No residence papers"),
            C("low-income", "Geen of zeer laag inkomen", "Pas de revenu ou revenu très faible", "No or very low income"),
            C("health", "Fysieke of mentale gezondheidsproblemen", "Problèmes de santé physique ou mentale", "Physical or mental health problems"),
            C("addiction", "Verslaving", "Assuétude", "Addiction"),
            C("disability", "Handicap", "Handicap", "Disability"),
            C("debt", "Schuldenlast", "Endettement", "Debt"),
            C("domestic-violence", "Huiselijk geweld", "Violence conjugale ou intrafamiliale", "Domestic violence"),
            C("early-school-leaving", "Vroegtijdig schoolverlaten", "Décrochage scolaire", "Early school leaving"),
        ]),
        ActivityFormats = new CodeList("activityFormats",
        [
            C("market-stand", "Sociale stand op markten", "Stand social sur les marchés", "Social stand at markets"),
            C("roundtable", "Thematisch rondetafelgesprek", "Table ronde thématique", "Thematic round table"),
            C("citizen-group", "Begeleiding van burgergroepen", "Accompagnement de groupes de citoyens", "Supporting citizen groups"),
            C("permanence-food-aid", "Activiteit in sociale permanentie of voedselhulp", "Activité en permanence sociale ou aide alimentaire", "Activity at a social drop-in or food aid"),
            C("bri-co", "Deelname aan een BRI-Co", "Participation à un BRI-Co", "Taking part in a BRI-Co"),
            C("info-campaign", "Informatiecampagne / folders in de openbare ruimte", "Campagne d'information / dépliants dans l'espace public", "Information campaign, leaflets in public space"),
            C("neighbourhood-festival", "Buurtfeest", "Fête de quartier", "Neighbourhood festival"),
            C("thematic-event", "Thematisch evenement", "Événement thématique", "Thematic event"),
            C("workshop", "Groep/workshop", "Groupe/atelier", "Group, workshop"),
            C("other", "Andere", "Autre", "Other"),
        ]),
        Regularity = new CodeList("regularity",
        [
            C("regular", "Regelmatig", "Régulière", "Regular"),
            C("one-off", "Eenmalig", "Ponctuelle", "One-off"),
        ]),
        Organisation = new CodeList("organisation",
        [
            C("own", "Georganiseerd door de werker", "Organisée par le travailleur", "Organised by the worker"),
            C("joined", "Deelname aan een bestaande activiteit van partners", "Participation à une activité existante de partenaires", "Joined an existing partner activity"),
        ]),
        Campaigns = new CodeList("campaigns",
        [
            C("ukraine-2022", "Oekraïne 2022", "Ukraine 2022", "Ukraine 2022"),
            C("energy-2022", "Energiecrisis 2022", "Crise énergétique 2022", "Energy crisis 2022"),
        ]),
        Municipalities =
        [
            M("21001", "Anderlecht", "Anderlecht", "Anderlecht"),
            M("21002", "Oudergem", "Auderghem", "Auderghem"),
            M("21003", "Sint-Agatha-Berchem", "Berchem-Sainte-Agathe", "Berchem-Sainte-Agathe"),
            new Municipality("21004", new Label("Brussel", "Bruxelles", "City of Brussels"),
            [
                new MunicipalityPart("21004-laken", "1020", new Label("Laken", "Laeken", "Laeken")),
                new MunicipalityPart("21004-noh", "1120", new Label("Neder-Over-Heembeek", "Neder-Over-Heembeek", "Neder-Over-Heembeek")),
                new MunicipalityPart("21004-haren", "1130", new Label("Haren", "Haren", "Haren")),
            ]),
            M("21005", "Etterbeek", "Etterbeek", "Etterbeek"),
            M("21006", "Evere", "Evere", "Evere"),
            M("21007", "Vorst", "Forest", "Forest"),
            M("21008", "Ganshoren", "Ganshoren", "Ganshoren"),
            M("21009", "Elsene", "Ixelles", "Ixelles"),
            M("21010", "Jette", "Jette", "Jette"),
            M("21011", "Koekelberg", "Koekelberg", "Koekelberg"),
            M("21012", "Sint-Jans-Molenbeek", "Molenbeek-Saint-Jean", "Molenbeek-Saint-Jean"),
            M("21013", "Sint-Gillis", "Saint-Gilles", "Saint-Gilles"),
            M("21014", "Sint-Joost-ten-Node", "Saint-Josse-ten-Noode", "Saint-Josse-ten-Noode"),
            M("21015", "Schaarbeek", "Schaerbeek", "Schaerbeek"),
            M("21016", "Ukkel", "Uccle", "Uccle"),
            M("21017", "Watermaal-Bosvoorde", "Watermael-Boitsfort", "Watermael-Boitsfort"),
            M("21018", "Sint-Lambrechts-Woluwe", "Woluwe-Saint-Lambert", "Woluwe-Saint-Lambert"),
            M("21019", "Sint-Pieters-Woluwe", "Woluwe-Saint-Pierre", "Woluwe-Saint-Pierre"),
        ],
        Neighbourhoods =
        [
            N("8", "Marollen", "Marolles", "21004"),
            N("10", "Anneessens", "Anneessens", "21004"),
            N("11", "Kuregem Bara", "Cureghem Bara", "21001"),
            N("13", "Kuregem Dauw", "Cureghem Rosée", "21001"),
            N("15", "Weststation", "Gare de l'Ouest", "21012"),
            N("16", "Historisch Molenbeek", "Molenbeek historique", "21012"),
            N("17", "Koekelberg", "Koekelberg", "21011"),
            N("18", "Maritiemwijk", "Quartier Maritime", "21012"),
            N("21", "Noordwijk", "Quartier Nord", "21015"),
            N("22", "Brabantwijk", "Quartier Brabant", "21015"),
            N("23", "Collignon", "Collignon", "21015"),
            N("24", "Haachtsesteenweg", "Chaussée de Haecht", "21015"),
            N("25", "Sint-Joost Centrum", "Saint-Josse Centre", "21014"),
            N("26", "Dailly", "Dailly", "21015"),
            N("33", "Jacht", "La Chasse", "21005"),
            N("36", "Matonge", "Matonge", "21009"),
            N("37", "Flagey-Malibran", "Flagey-Malibran", "21009"),
            N("48", "Hallepoort", "Porte de Hal", "21013"),
            N("49", "Bosnië", "Bosnie", "21013"),
            N("50", "Laag-Vorst", "Forest-Bas", "21007"),
            N("87", "Reyers", "Reyers", "21015"),
            N("90", "Roodebeek-Sterrenbeelden", "Roodebeek-Constellations", "21018"),
            N("105", "Dries", "Dries", "21017"),
            N("107", "Universiteit", "Université", "21009"),
            N("118", "Sint-Denijs-Neerstalle", "Saint-Denis-Neerstalle", "21007"),
            N("803", "Industrie Zuid", "Industrie Sud", "21007"),
        ],
    };

    private static Municipality M(string nis, string nl, string fr, string en) => new(nis, new Label(nl, fr, en), []);

    // Neighbourhood names have no English form of their own: English readers get the French name.
    private static Neighbourhood N(string code, string nl, string fr, string municipality) =>
        new(code, new Label(nl, fr, fr), municipality);
}
