using Reporting.Domain;

namespace Reporting.Workbooks;

/// <summary>The words of a workbook in the three report languages.</summary>
internal static class ReportText
{
    private static readonly Dictionary<string, Label> Texts = new(StringComparer.Ordinal)
    {
        ["Summary"] = new("Samenvatting", "Résumé", "Summary"),
        ["ReportTitle"] = new("Activiteitenrapport", "Rapport d'activités", "Activity report"),
        ["Item"] = new("Gegeven", "Élément", "Item"),
        ["Value"] = new("Waarde", "Valeur", "Value"),
        ["Programme"] = new("Programma", "Programme", "Programme"),
        ["Period"] = new("Periode", "Période", "Period"),
        ["From"] = new("Van", "Du", "From"),
        ["To"] = new("Tot en met", "Au", "To"),
        ["GeneratedUtc"] = new("Aangemaakt op (UTC)", "Généré le (UTC)", "Generated at (UTC)"),
        ["GeneratedBrussels"] = new("Aangemaakt op (Brussel)", "Généré le (Bruxelles)", "Generated at (Brussels)"),
        ["ReferenceVersion"] = new("Versie referentiegegevens", "Version des données de référence", "Reference data version"),
        ["RecordVersions"] = new("Versies in de registraties", "Versions dans les enregistrements", "Versions in the records"),
        ["Municipality"] = new("Gemeente", "Commune", "Municipality"),
        ["AllMunicipalities"] = new("Alle gemeenten", "Toutes les communes", "All municipalities"),
        ["Campaign"] = new("Campagne", "Campagne", "Campaign"),
        ["AllRecords"] = new("Alle registraties", "Tous les enregistrements", "All records"),
        ["BrusselsSplit"] = new("Brussel-Stad opgesplitst (Laken, Neder-Over-Heembeek, Haren, rest)", "Bruxelles-Ville divisée (Laeken, Neder-Over-Heembeek, Haren, reste)", "City of Brussels split (Laeken, Neder-Over-Heembeek, Haren, rest)"),
        ["SmallCells"] = new("Kleine aantallen", "Petits effectifs", "Small counts"),
        ["SmallCellsHidden"] = new("verborgen (< {0}) en geaudit, voor publicatie", "masqués (< {0}) et audités, pour publication", "hidden (< {0}) and audited, for publication"),
        ["SmallCellsShown"] = new("zichtbaar: intern werkdocument, niet publiceren", "visibles : document de travail interne, ne pas publier", "shown: internal working document, do not publish"),
        ["SmallCellsRule"] = new(
            "Kleine aantallen: elk aantal van 1 tot {0} staat als \"{1}\", in elke tabel, elk totaal en de samenvatting. Waar een verborgen aantal af te leiden zou zijn uit wat wel zichtbaar is (totalen, marges, andere tabellen of de werkboeken van andere periodes van dit programma), is ook een ander aantal verborgen (ook als \"{1}\"; dat kan groter zijn). Elk getoond aantal is het echte aantal, niets is afgerond of verstoord. Een audit heeft vóór publicatie nagegaan dat geen verborgen klein aantal tot minder dan {2} mogelijke waarden te beperken is.",
            "Petits effectifs : tout nombre de 1 à {0} est affiché « {1} », dans chaque tableau, chaque total et le résumé. Là où un nombre masqué pourrait être déduit de ce qui est visible (totaux, marges, autres tableaux ou classeurs d'autres périodes de ce programme), un autre nombre est masqué aussi (affiché « {1} » également ; il peut être plus grand). Chaque nombre affiché est le nombre exact, rien n'est arrondi ni perturbé. Un audit a vérifié avant publication qu'aucun petit nombre masqué ne peut être réduit à moins de {2} valeurs possibles.",
            "Small counts: every count from 1 to {0} is shown as \"{1}\", in every table, every total and the summary. Where a hidden count could be worked out from what is shown (totals, margins, other tables, or the workbooks of this programme's other periods), another count is hidden too (also shown as \"{1}\"; it may be larger). Every count shown is the true count: nothing is rounded or perturbed. Before publication an audit checked that no hidden small count can be narrowed down to fewer than {2} possible values."),
        ["SmallCellsShownNote"] = new(
            "Kleine aantallen zijn niet verborgen: dit is een intern werkdocument, niet voor publicatie of voor financiers.",
            "Les petits effectifs ne sont pas masqués : ce document de travail interne n'est pas destiné à la publication ni aux bailleurs.",
            "Small counts are not hidden: this is an internal working document, not for publication or for funders."),
        ["SmallCellsSheet"] = new(
            "Aantallen van 1 tot {0} staan als \"{1}\", net als andere aantallen waar dat nodig is om ze te beschermen (zie de samenvatting).",
            "Les nombres de 1 à {0} sont affichés « {1} », ainsi que d'autres nombres là où il le faut pour les protéger (voir le résumé).",
            "Counts from 1 to {0} are shown as \"{1}\", as are other counts where needed to protect them (see the summary)."),
        ["TooFewEntries"] = new(
            "Te weinig individuele interventies (minder dan {0}) om er cijfers over te publiceren: hun tabellen ontbreken.",
            "Trop peu d'interventions individuelles (moins de {0}) pour en publier les chiffres : leurs tableaux sont omis.",
            "Too few individual interventions (fewer than {0}) to publish their figures: their tables are left out."),
        ["TooFewActivities"] = new(
            "Te weinig collectieve acties (minder dan {0}) om er cijfers over te publiceren: hun tabellen ontbreken.",
            "Trop peu d'actions collectives (moins de {0}) pour en publier les chiffres : leurs tableaux sont omis.",
            "Too few collective actions (fewer than {0}) to publish their figures: their tables are left out."),
        ["TooFewRecords"] = new(
            "Te weinig registraties om cijfers te publiceren: dit werkboek bevat geen cijfers.",
            "Trop peu d'enregistrements pour publier des chiffres : ce classeur n'en contient aucun.",
            "Too few records to publish figures: this workbook holds none."),
        ["FiguresWithdrawn"] = new(
            "De cijfers van dit werkboek zijn niet gepubliceerd: ze zouden kleine aantallen prijsgeven die hier of in andere werkboeken van dit programma en dit jaar verborgen zijn.",
            "Les chiffres de ce classeur ne sont pas publiés : ils révéleraient de petits effectifs masqués ici ou dans d'autres classeurs de ce programme et de cette année.",
            "The figures of this workbook are not published: they would give away small counts hidden here or in other workbooks of this programme and year."),
        ["Withheld"] = new("niet gepubliceerd", "non publié", "not published"),
        ["Provisional"] = new(
            "Voorlopig: de periode is nog niet afgesloten; de cijfers kunnen nog veranderen.",
            "Provisoire : la période n'est pas encore clôturée ; les chiffres peuvent encore changer.",
            "Provisional: the period has not closed yet; the figures may still change."),
        ["Yes"] = new("Ja", "Oui", "Yes"),
        ["No"] = new("Nee", "Non", "No"),
        ["Entries"] = new("Individuele interventies", "Interventions individuelles", "Individual interventions"),
        ["Activities"] = new("Collectieve acties", "Actions collectives", "Collective actions"),
        // It counts distinct name-and-format pairs (the same market stand in two places is one), not formats.
        ["ActivityTypes"] = new("Verschillende activiteiten (naam en formaat)", "Activités différentes (nom et format)", "Distinct activities (name and format)"),
        ["MunicipalitiesReached"] = new("Bereikte gemeenten", "Communes atteintes", "Municipalities reached"),
        ["Participants"] = new("Deelnemers (som)", "Participants (somme)", "Participants (sum)"),
        ["ActivitiesWithParticipants"] = new("Acties met een aantal deelnemers", "Actions avec un nombre de participants", "Actions with a participant count"),
        ["Fingerprint"] = new("Vingerafdruk van de registraties", "Empreinte des enregistrements", "Fingerprint of the records"),
        ["NoRecords"] = new("Er waren geen registraties voor deze periode en dit bereik.", "Il n'y a eu aucun enregistrement pour cette période et cette portée.", "There were no records for this period and scope."),
        ["Rules"] = new("Telregels", "Règles de comptage", "Counting rules"),
        ["RuleMulti"] = new("Een veld met meerdere waarden telt een registratie één keer mee onder elke code die ze vermeldt.", "Un champ à plusieurs valeurs compte un enregistrement une fois sous chaque code qu'il mentionne.", "A multi-valued field counts a record once under each code it mentions."),
        ["RuleShare"] = new("Een aandeel is het % van de registraties dat de code vermeldt; bij meerdere waarden is de som meer dan 100%.", "Une part est le % des enregistrements qui mentionnent le code ; pour plusieurs valeurs, la somme dépasse 100 %.", "A share is the % of records that mention the code; for multi-valued fields shares do not add up to 100%."),
        ["RuleZero"] = new("Elke code van de referentiegegevens staat erin, ook met 0.", "Chaque code des données de référence figure, même à 0.", "Every code of the reference data is listed, also when its count is 0."),
        ["RuleCross"] = new("In een kruistabel telt een registratie in elke combinatie van haar codes; registraties zonder code aan één kant staan er niet in.", "Dans un tableau croisé, un enregistrement compte dans chaque combinaison de ses codes ; sans code d'un côté, il n'y figure pas.", "In a crossed table a record counts in every combination of its codes; records with no code on one side are not in it."),
        ["RuleFingerprint"] = new("Dezelfde registraties geven dezelfde vingerafdruk en dezelfde cijfers.", "Les mêmes enregistrements donnent la même empreinte et les mêmes chiffres.", "The same records give the same fingerprint and the same figures."),
        ["Code"] = new("Code", "Code", "Code"),
        ["Label"] = new("Omschrijving", "Libellé", "Label"),
        ["Count"] = new("Aantal", "Nombre", "Count"),
        ["Share"] = new("% van de registraties", "% des enregistrements", "% of records"),
        ["Total"] = new("Totaal registraties", "Total enregistrements", "Total records"),
        ["RecordsInRow"] = new("Registraties", "Enregistrements", "Records"),
        ["OfEntries"] = new("van {0} individuele interventies", "sur {0} interventions individuelles", "of {0} individual interventions"),
        ["OfActivities"] = new("van {0} collectieve acties", "sur {0} actions collectives", "of {0} collective actions"),
        ["FirstContact"] = new("Eerste contact", "Premier contact", "First contact"),
        ["Initiative"] = new("Initiatief", "Initiative", "Initiative"),
        ["Place"] = new("Plaats", "Lieu", "Place"),
        ["Actions"] = new("Ondernomen stappen", "Démarches effectuées", "Actions taken"),
        ["NonTakeUp"] = new("Niet-gebruik", "Non-recours", "Non-take-up"),
        ["Themes"] = new("Onderwerpen", "Thèmes", "Themes"),
        ["Vulnerabilities"] = new("Kwetsbaarheden", "Vulnérabilités", "Vulnerabilities"),
        ["EntryMunicipalities"] = new("Interventies per gemeente", "Interventions par commune", "Interventions per municipality"),
        ["ActivityMunicipalities"] = new("Collectieve acties per gemeente", "Actions collectives par commune", "Collective actions per municipality"),
        ["ActivityThemes"] = new("Collectieve acties per thema", "Actions collectives par thème", "Collective actions per theme"),
        ["ActivityFormats"] = new("Collectieve acties per formaat", "Actions collectives par format", "Collective actions per format"),
        ["Neighbourhoods"] = new("Wijken", "Quartiers", "Neighbourhoods"),
        ["NeighbourhoodsNote"] = new(
            "Registraties zonder wijk staan in geen enkele rij; de wijken van een gemeente tellen dus hoogstens haar registraties.",
            "Les enregistrements sans quartier ne figurent dans aucune ligne : les quartiers d'une commune comptent donc au plus ses enregistrements.",
            "Records without a neighbourhood are in no row: a municipality's neighbourhoods count at most its records."),
        ["FormatsNote"] = new(
            "Elke collectieve actie heeft één formaat, één regelmaat en één organisatie; deelnemers zijn de som van de acties die een aantal geven.",
            "Chaque action collective a un format, une régularité et une organisation ; les participants sont la somme des actions qui en donnent le nombre.",
            "Each collective action has one format, one regularity and one organisation; participants are the sum over the actions that give a number."),
        ["Column:own"] = new("Eigen organisatie", "Organisée soi-même", "Own"),
        ["Column:joined"] = new("Deelname bij partners", "Chez des partenaires", "Joined"),
        // Sheet names are at most 31 characters: shorter forms where the title is longer.
        ["Sheet:ActivityMunicipalities"] = new("Collectieve acties per gemeente", "Actions collectives par commune", "Coll. actions per municipality"),
        ["Sheet:ActivityMunicipalityByTheme"] = new("Collectieve acties gem. × thema", "Actions coll. commune × thème", "Coll. actions municip. × theme"),
        ["MunicipalityByTheme"] = new("Gemeente × thema", "Commune × thème", "Municipality × theme"),
        ["MunicipalityByNonTakeUp"] = new("Gemeente × niet-gebruik", "Commune × non-recours", "Municipality × non-take-up"),
        ["ThemeByNonTakeUp"] = new("Thema × niet-gebruik", "Thème × non-recours", "Theme × non-take-up"),
        ["ActivityMunicipalityByTheme"] = new("Collectieve acties: gemeente × thema", "Actions collectives : commune × thème", "Collective actions: municipality × theme"),
        ["Theme"] = new("Thema", "Thème", "Theme"),
        ["CodeLists"] = new("Codelijsten", "Listes de codes", "Code lists"),
        // The code lists by name, as the code-list sheet names them.
        ["List:programmes"] = new("Programma's", "Programmes", "Programmes"),
        ["List:themes"] = new("Onderwerpen", "Thèmes", "Themes"),
        ["List:nonTakeUp"] = new("Niet-gebruik", "Non-recours", "Non-take-up"),
        ["List:firstContact"] = new("Eerste contact", "Premier contact", "First contact"),
        ["List:initiative"] = new("Initiatief", "Initiative", "Initiative"),
        ["List:places"] = new("Plaatsen", "Lieux", "Places"),
        ["List:actions"] = new("Ondernomen stappen", "Démarches effectuées", "Actions taken"),
        ["List:vulnerabilities"] = new("Kwetsbaarheden", "Vulnérabilités", "Vulnerabilities"),
        ["List:activityFormats"] = new("Formaten van collectieve acties", "Formats d'actions collectives", "Collective action formats"),
        ["List:regularity"] = new("Regelmaat", "Régularité", "Regularity"),
        ["List:organisation"] = new("Organisatie", "Organisation", "Organisation"),
        ["List:campaigns"] = new("Campagnes", "Campagnes", "Campaigns"),
        ["List:municipalities"] = new("Gemeenten en deelgemeenten", "Communes et sections", "Municipalities and their parts"),
        ["List:neighbourhoods"] = new("Wijken", "Quartiers", "Neighbourhoods"),
        ["PageOfPages"] = new("Pagina {0} van {1}", "Page {0} sur {1}", "Page {0} of {1}"),
        ["ProvisionalShort"] = new("voorlopig", "provisoire", "provisional"),
        ["List"] = new("Lijst", "Liste", "List"),
        ["BrusselsRest"] = new("Brussel (overige)", "Bruxelles (reste)", "City of Brussels (rest)"),
        ["Unknown"] = new("(code van een oudere versie)", "(code d'une version antérieure)", "(code of an older version)"),
    };

    public static string T(string key, ReportLanguage language) => Texts[key].In(language);

    /// <summary>The text of a key in the language, or null when there is none (a code list added later).</summary>
    public static string? TryT(string key, ReportLanguage language) => Texts.TryGetValue(key, out var label) ? label.In(language) : null;
}
