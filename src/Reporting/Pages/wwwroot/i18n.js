// The pages' words in Dutch, French and English. Labels of codes (themes, municipalities, …) come from
// GET /api/reference in the same language; these are only the pages' own words.

export const LANGUAGES = ['nl', 'fr', 'en'];
const STORE = 'reporting.lang';

const WORDS = {
  title: ['Rapportering outreach', 'Rapportage outreach', 'Outreach reporting'],
  skip: ['Naar de inhoud', 'Aller au contenu', 'Skip to content'],
  language: ['Taal', 'Langue', 'Language'],
  lang_nl: ['Nederlands', 'Néerlandais', 'Dutch'],
  lang_fr: ['Frans', 'Français', 'French'],
  lang_en: ['Engels', 'Anglais', 'English'],
  signIn: ['Aanmelden', 'Connexion', 'Sign in'],
  signInButton: ['Aanmelden', 'Se connecter', 'Sign in'],
  signOut: ['Afmelden', 'Se déconnecter', 'Sign out'],
  platformSignIn: ['Aanmelden met je account van de organisatie', 'Se connecter avec le compte de l\'organisation', 'Sign in with your organisation account'],
  apiKey: ['API-sleutel', 'Clé API', 'API key'],
  keyHint: ['Typ de sleutel die je van je coördinator kreeg. Hij blijft bewaard tot je dit tabblad sluit.',
    'Tapez la clé reçue de votre coordinateur. Elle est gardée jusqu\'à la fermeture de cet onglet.',
    'Type the key your coordinator gave you. It is kept until you close this tab.'],
  keyRefused: ['Deze sleutel is niet gekend.', 'Cette clé n\'est pas connue.', 'This key is not known.'],
  roleRefused: ['Deze sleutel geeft geen toegang tot deze pagina\'s.', 'Cette clé ne donne pas accès à ces pages.', 'This key gives no access to these pages.'],
  offlineSignIn: ['Geen verbinding: aanmelden lukt pas als er weer verbinding is.', 'Pas de connexion : la connexion sera possible quand le réseau reviendra.', 'No connection: you can sign in once the connection is back.'],
  signInAgain: ['Je aanmelding is verlopen: meld je opnieuw aan om te verzenden. Niets gaat verloren.', 'Votre session a expiré : reconnectez-vous pour envoyer. Rien n\'est perdu.', 'Your sign-in has expired: sign in again to send. Nothing is lost.'],
  loading: ['Laden…', 'Chargement…', 'Loading…'],
  role_fieldWorker: ['Veldwerker', 'Travailleur de terrain', 'Field worker'],
  role_coordinator: ['Coördinator', 'Coordinateur', 'Coordinator'],
  role_funder: ['Subsidiegever', 'Pouvoir subsidiant', 'Funder'],
  online: ['Verbonden', 'En ligne', 'Online'],
  offline: ['Geen verbinding', 'Hors ligne', 'Offline'],
  noReference: ['De referentiegegevens konden niet geladen worden; probeer opnieuw met verbinding.', 'Les données de référence n\'ont pas pu être chargées ; réessayez avec une connexion.', 'The reference data could not be loaded; try again with a connection.'],
  newRecord: ['Nieuwe registratie', 'Nouvel enregistrement', 'New record'],
  entry: ['Individuele interventie', 'Intervention individuelle', 'Individual intervention'],
  activity: ['Collectieve activiteit', 'Activité collective', 'Collective activity'],
  programme: ['Programma', 'Programme', 'Programme'],
  date: ['Datum', 'Date', 'Date'],
  municipality: ['Gemeente', 'Commune', 'Municipality'],
  neighbourhood: ['Wijk', 'Quartier', 'Neighbourhood'],
  placeHint: ['Een gemeente, een wijk of beide.', 'Une commune, un quartier ou les deux.', 'A municipality, a neighbourhood or both.'],
  postcode: ['Deelgemeente (postcode)', 'Section (code postal)', 'Part of the municipality (postcode)'],
  postcodeHint: ['Alleen voor Brussel-Stad: Laken, Neder-Over-Heembeek of Haren.', 'Uniquement pour Bruxelles-Ville : Laeken, Neder-Over-Heembeek ou Haren.', 'Only for the City of Brussels: Laeken, Neder-Over-Heembeek or Haren.'],
  firstContact: ['Hoe heb ik de persoon leren kennen?', 'Comment ai-je rencontré la personne ?', 'How did I meet the person?'],
  initiative: ['Op wiens initiatief?', 'À l\'initiative de qui ?', 'On whose initiative?'],
  place: ['Plaats van de interventie', 'Lieu de l\'intervention', 'Place of the intervention'],
  actions: ['Ondernomen acties', 'Actions entreprises', 'Actions taken'],
  nonTakeUp: ['Vastgestelde vormen van niet-gebruik', 'Formes de non-recours constatées', 'Forms of non-take-up found'],
  themes: ['Onderwerpen', 'Thèmes', 'Topics'],
  vulnerabilities: ['Kwetsbaarheden', 'Facteurs de vulnérabilité', 'Vulnerability factors'],
  campaign: ['Campagne', 'Campagne', 'Campaign'],
  activityName: ['Naam van de activiteit', 'Nom de l\'activité', 'Name of the activity'],
  activityNameHint: ['Over de activiteit, nooit over een persoon (max. 120 tekens).', 'Sur l\'activité, jamais sur une personne (120 caractères max.).', 'About the activity, never about a person (120 characters at most).'],
  format: ['Soort activiteit', 'Type d\'activité', 'Kind of activity'],
  regularity: ['Regelmaat', 'Régularité', 'Regularity'],
  organisation: ['Organisatie', 'Organisation', 'Organisation'],
  participants: ['Aantal deelnemers', 'Nombre de participants', 'Participants'],
  partners: ['Aantal partnerorganisaties', 'Nombre de partenaires', 'Partner organisations'],
  otherWorkers: ['Andere werkers (codes)', 'Autres travailleurs (codes)', 'Other workers (codes)'],
  otherWorkersHint: ['Bijvoorbeeld BAR-12, BAR-03. Jouw code staat er al bij.', 'Par exemple BAR-12, BAR-03. Votre code est déjà inclus.', 'For example BAR-12, BAR-03. Your own code is included.'],
  workerCode: ['Code van de werker', 'Code du travailleur', 'Worker code'],
  workerCodes: ['Codes van de werkers', 'Codes des travailleurs', 'Worker codes'],
  reason: ['Reden van de correctie', 'Motif de la correction', 'Reason for the correction'],
  reasonHint: ['Een referentie, geen persoonsgegevens.', 'Une référence, pas de données personnelles.', 'A reference, no personal data.'],
  required: ['verplicht', 'obligatoire', 'required'],
  none: ['(geen)', '(aucun)', '(none)'],
  choose: ['Kies…', 'Choisir…', 'Choose…'],
  missing: ['Nog in te vullen', 'Encore à remplir', 'Still to fill in'],
  keep: ['Bewaren en verzenden', 'Enregistrer et envoyer', 'Save and send'],
  keptSending: ['Bewaard op dit toestel; wordt verzonden.', 'Enregistré sur cet appareil ; envoi en cours.', 'Saved on this device; sending.'],
  keptOffline: ['Bewaard op dit toestel; wordt verzonden zodra er verbinding is.', 'Enregistré sur cet appareil ; sera envoyé dès le retour de la connexion.', 'Saved on this device; it will be sent when the connection is back.'],
  sentResults: ['Verzonden: het resultaat staat bij elke registratie.', 'Envoyé : le résultat figure à côté de chaque enregistrement.', 'Sent: each record shows its result.'],
  outbox: ['Te verzenden en verzonden', 'À envoyer et envoyés', 'Waiting and sent'],
  nothingWaiting: ['Niets wacht op verzending.', 'Rien n\'attend d\'être envoyé.', 'Nothing is waiting to be sent.'],
  waiting: ['{n} wacht(en) op verzending.', '{n} en attente d\'envoi.', '{n} waiting to be sent.'],
  sendNow: ['Nu verzenden', 'Envoyer maintenant', 'Send now'],
  remove: ['Verwijderen', 'Retirer', 'Remove'],
  status_queued: ['wacht', 'en attente', 'waiting'],
  status_created: ['opgeslagen', 'enregistré', 'stored'],
  status_duplicate: ['was al opgeslagen', 'déjà enregistré', 'already stored'],
  status_invalid: ['geweigerd: na te kijken', 'refusé : à vérifier', 'refused: check it'],
  status_conflict: ['conflict: deze id heeft andere inhoud', 'conflit : cet id a un autre contenu', 'conflict: this id holds other content'],
  status_running: ['wordt gemaakt', 'en cours', 'being made'],
  status_ready: ['klaar', 'prêt', 'ready'],
  status_failed: ['mislukt', 'échoué', 'failed'],
  myRecords: ['Mijn registraties deze maand', 'Mes enregistrements ce mois-ci', 'My records this month'],
  listUnavailable: ['De dienst kan nog geen lijsten geven: hieronder wat vanop dit toestel verzonden is.', 'Le service ne donne pas encore de listes : voici ce qui a été envoyé depuis cet appareil.', 'The service cannot list records yet: below is what was sent from this device.'],
  listUnavailableHere: ['De dienst kan nog geen lijsten van registraties geven.', 'Le service ne donne pas encore de listes d\'enregistrements.', 'The service cannot list records yet.'],
  listOffline: ['Geen verbinding: de lijst verschijnt als er weer verbinding is.', 'Pas de connexion : la liste apparaîtra au retour de la connexion.', 'No connection: the list appears when the connection is back.'],
  noRecords: ['Geen registraties.', 'Aucun enregistrement.', 'No records.'],
  kind: ['Soort', 'Type', 'Kind'],
  record: ['Registratie', 'Enregistrement', 'Record'],
  workers: ['Werker(s)', 'Travailleur(s)', 'Worker(s)'],
  action: ['Actie', 'Action', 'Action'],
  correct: ['Corrigeren', 'Corriger', 'Correct'],
  correction: ['Correctie', 'Correction', 'Correction'],
  saveCorrection: ['Correctie opslaan', 'Enregistrer la correction', 'Save the correction'],
  corrected: ['Gecorrigeerd.', 'Corrigé.', 'Corrected.'],
  changedMeanwhile: ['Iemand anders wijzigde deze registratie intussen: sluit en open ze opnieuw.', 'Quelqu\'un d\'autre a modifié cet enregistrement entre-temps : fermez-le et rouvrez-le.', 'Someone else changed this record meanwhile: close it and open it again.'],
  correctOffline: ['Corrigeren kan alleen met verbinding.', 'Une correction demande une connexion.', 'A correction needs a connection.'],
  close: ['Sluiten', 'Fermer', 'Close'],
  more: ['Meer', 'Plus', 'More'],
  sections: ['Onderdelen', 'Sections', 'Sections'],
  requestReport: ['Rapport aanvragen', 'Demander un rapport', 'Request a report'],
  period: ['Periode', 'Période', 'Period'],
  periodHint: ['2026-11 (maand), 2026-Q3 (kwartaal) of 2026 (jaar); of vul hieronder een begin- en einddatum in.', '2026-11 (mois), 2026-Q3 (trimestre) ou 2026 (année) ; ou indiquez une date de début et de fin ci-dessous.', '2026-11 (month), 2026-Q3 (quarter) or 2026 (year); or fill in a start and end date below.'],
  from: ['Van', 'Du', 'From'],
  to: ['Tot en met', 'Au', 'To'],
  allMunicipalities: ['(alle gemeenten)', '(toutes les communes)', '(all municipalities)'],
  reportLanguage: ['Taal van het rapport', 'Langue du rapport', 'Language of the report'],
  splitBrussels: ['Brussel-Stad opgesplitst (Laken, Neder-Over-Heembeek, Haren)', 'Bruxelles-Ville détaillée (Laeken, Neder-Over-Heembeek, Haren)', 'City of Brussels split (Laeken, Neder-Over-Heembeek, Haren)'],
  hideSmallCells: ['Kleine aantallen verbergen (voor publicatie)', 'Masquer les petits nombres (pour publication)', 'Hide small counts (for publication)'],
  reports: ['Rapporten', 'Rapports', 'Reports'],
  report: ['Rapport', 'Rapport', 'Report'],
  status: ['Status', 'Statut', 'Status'],
  madeAt: ['Gemaakt op', 'Produit le', 'Made'],
  download: ['Downloaden', 'Télécharger', 'Download'],
  downloaded: ['Gedownload: {name}', 'Téléchargé : {name}', 'Downloaded: {name}'],
  downloadFailed: ['Downloaden mislukt', 'Échec du téléchargement', 'Download failed'],
  editions: ['Edities', 'Éditions', 'Editions'],
  edition: ['Editie', 'Édition', 'Edition'],
  noEditions: ['Nog geen editie.', 'Pas encore d\'édition.', 'No edition yet.'],
  provisional: ['voorlopig', 'provisoire', 'provisional'],
  brusselsSplit: ['Brussel-Stad opgesplitst', 'Bruxelles-Ville détaillée', 'City of Brussels split'],
  smallHidden: ['kleine aantallen verborgen', 'petits nombres masqués', 'small counts hidden'],
  smallShown: ['kleine aantallen zichtbaar (intern)', 'petits nombres visibles (interne)', 'small counts shown (internal)'],
  noReports: ['Nog geen rapporten.', 'Pas encore de rapports.', 'No reports yet.'],
  records: ['Registraties', 'Enregistrements', 'Records'],
  month: ['Maand', 'Mois', 'Month'],
  show: ['Tonen', 'Afficher', 'Show'],
  exportCsv: ['Exporteren (CSV)', 'Exporter (CSV)', 'Export (CSV)'],
  quality: ['Datakwaliteit', 'Qualité des données', 'Data quality'],
  qualityUnavailable: ['De dienst geeft nog geen datakwaliteit.', 'Le service ne donne pas encore la qualité des données.', 'The service does not give data quality yet.'],
  entries: ['Individuele interventies', 'Interventions individuelles', 'Individual interventions'],
  activities: ['Collectieve acties', 'Actions collectives', 'Collective actions'],
  referenceVersion: ['referentiegegevens', 'données de référence', 'reference data'],
  withoutNeighbourhood: ['Zonder wijk (interventies / acties)', 'Sans quartier (interventions / actions)', 'Without a neighbourhood (interventions / actions)'],
  findings: ['Wat rapporten weglaten', 'Ce que les rapports laissent de côté', 'What reports leave out'],
  truncated: ['Ingekort', 'Tronqué', 'Truncated'],
  yes: ['ja', 'oui', 'yes'],
  perWorker: ['Registraties per werker en maand', 'Enregistrements par travailleur et par mois', 'Records per worker and month'],
  field: ['Veld', 'Champ', 'Field'],
  code: ['Code', 'Code', 'Code'],
  why: ['Waarom', 'Pourquoi', 'Why'],
  audit: ['Audittrail', 'Journal d\'audit', 'Audit trail'],
  noAudit: ['Nog geen correcties of wissingen.', 'Pas encore de corrections ni d\'effacements.', 'No corrections or erasures yet.'],
  when: ['Wanneer', 'Quand', 'When'],
  who: ['Wie', 'Qui', 'Who'],
  what: ['Wat', 'Quoi', 'What'],
  recordId: ['Id van de registratie', 'Id de l\'enregistrement', 'Record id'],
  audit_corrected: ['gecorrigeerd', 'corrigé', 'corrected'],
  audit_erased: ['gewist', 'effacé', 'erased'],
  offlineAction: ['Geen verbinding: probeer opnieuw als er weer verbinding is.', 'Pas de connexion : réessayez au retour de la connexion.', 'No connection: try again when the connection is back.'],
  yourReports: ['Rapporten van je programma\'s', 'Rapports de vos programmes', 'Reports of your programmes'],
  funderHint: ['Programma\'s: {programmes}. Kleine aantallen zijn verborgen; de nieuwste periode staat bovenaan.', 'Programmes : {programmes}. Les petits nombres sont masqués ; la période la plus récente est en haut.', 'Programmes: {programmes}. Small counts are hidden; the latest period comes first.'],
  firstVisit: ['Je eerste bezoek: alle rapporten zijn nieuw.', 'Votre première visite : tous les rapports sont nouveaux.', 'Your first visit: every report is new.'],
  newSince: ['{n} nieuw sinds je laatste bezoek ({when}).', '{n} nouveau(x) depuis votre dernière visite ({when}).', '{n} new since your last visit ({when}).'],
  new: ['nieuw', 'nouveau', 'new'],
};

let current = (() => {
  const kept = localStorage.getItem(STORE);
  if (LANGUAGES.includes(kept)) return kept;
  const browser = (navigator.language ?? '').slice(0, 2).toLowerCase();
  return LANGUAGES.includes(browser) ? browser : 'nl';
})();

export function language() {
  return current;
}

export function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  current = lang;
  localStorage.setItem(STORE, lang);
}

/** A word of the pages in the current language, with {name} filled in from vars. */
export function t(key, vars = {}) {
  const words = WORDS[key];
  const text = words ? words[LANGUAGES.indexOf(current)] : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

export function statusText(status) {
  return t(`status_${status}`);
}

/** The label of a reference code (or municipality, neighbourhood, part) in the given language. */
export function labelOf(item, lang = current) {
  return item?.labels?.[lang] ?? item?.labels?.nl ?? item?.code ?? '';
}

/** A date and time as people of the current language write it. */
export function formatDate(value) {
  const locale = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' }[current];
  return new Date(value).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Brussels' });
}
