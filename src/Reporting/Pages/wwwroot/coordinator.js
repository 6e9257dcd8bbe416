// The coordinator's page: request a report and watch it become ready, the reports and their editions, the record
// browser with corrections and the CSV export, the data-quality view, and the audit trail.

import { h, fill, uid, table, thisMonth } from './dom.js';
import { t, labelOf, formatDate, statusText } from './i18n.js';
import { callJson, download, reference as loadReference } from './api.js';
import { allReports, reportTable, watch, downloadButton } from './reports.js';
import { recordList, correction } from './records.js';

function labelled(text, control) {
  control.id ||= uid('c');
  return h('div', { className: 'field' }, h('label', { for: control.id }, text), control);
}

export async function coordinatorView(root, me, lang) {
  const reference = await loadReference();
  let programme = sessionStorage.getItem('reporting.programme');
  if (!me.programmes.includes(programme)) programme = me.programmes[0];
  const status = h('p', { className: 'announce', role: 'status', 'aria-live': 'polite' });

  const programmeSelect = h('select', { name: 'programme', onchange: e => { programme = e.target.value; sessionStorage.setItem('reporting.programme', programme); refreshAll(); } },
    me.programmes.map(p => h('option', { value: p, selected: p === programme }, p)));

  // Request a report.
  const municipalities = reference?.municipalities ?? [];
  const campaigns = reference?.codeLists.campaigns ?? [];
  const requestForm = h('form', { className: 'request-form', novalidate: true },
    labelled(t('period'), h('input', { type: 'text', name: 'period', value: thisMonth(), 'aria-describedby': 'period-hint', autocomplete: 'off' })),
    h('p', { className: 'hint', id: 'period-hint' }, t('periodHint')),
    h('div', { className: 'row' },
      labelled(t('from'), h('input', { type: 'date', name: 'from' })),
      labelled(t('to'), h('input', { type: 'date', name: 'to' }))),
    labelled(t('municipality'), h('select', { name: 'municipality' }, h('option', { value: '' }, t('allMunicipalities')),
      municipalities.map(m => h('option', { value: m.code }, `${labelOf(m, lang)} (${m.code})`)))),
    labelled(t('campaign'), h('select', { name: 'campaign' }, h('option', { value: '' }, t('none')),
      campaigns.map(c => h('option', { value: c.code }, labelOf(c, lang))))),
    labelled(t('reportLanguage'), h('select', { name: 'language' },
      ['nl', 'fr', 'en'].map(l => h('option', { value: l, selected: l === lang }, t(`lang_${l}`))))),
    h('div', { className: 'choice' }, h('input', { type: 'checkbox', id: 'split', name: 'splitBrussels' }), h('label', { for: 'split' }, t('splitBrussels'))),
    h('div', { className: 'choice' }, h('input', { type: 'checkbox', id: 'suppress', name: 'suppressSmallCells', checked: true }), h('label', { for: 'suppress' }, t('hideSmallCells'))),
    h('button', { type: 'submit', className: 'primary' }, t('requestReport')));
  const requestStatus = h('div', { className: 'request-status', role: 'status', 'aria-live': 'polite' });
  requestForm.addEventListener('submit', async event => {
    event.preventDefault();
    const data = new FormData(requestForm);
    const from = data.get('from');
    const to = data.get('to');
    const body = {
      programme,
      period: from && to ? { from, to } : data.get('period').toString().trim(),
      municipality: data.get('municipality') || null,
      campaign: data.get('campaign') || null,
      language: data.get('language'),
      splitBrussels: data.get('splitBrussels') === 'on',
      suppressSmallCells: data.get('suppressSmallCells') === 'on',
    };
    let answer;
    try {
      answer = await callJson('/api/reports', { method: 'POST', body });
    } catch {
      fill(requestStatus, t('offlineAction'));
      return;
    }
    if (answer.response.status !== 202) {
      const errors = answer.data?.errors ? Object.entries(answer.data.errors).map(([p, m]) => `${p}: ${[].concat(m).join(' ')}`) : [];
      fill(requestStatus, h('p', { className: 'notice' }, [answer.data?.detail ?? answer.data?.title ?? `HTTP ${answer.response.status}`, ...errors].join(' · ')));
      return;
    }
    const location = answer.response.headers.get('Location') ?? answer.data.statusUrl;
    const line = h('p', { className: 'watch' });
    fill(requestStatus, line);
    const done = await watch(location, report => {
      line.textContent = `${report.id}: ${statusText(report.status)}`;
    });
    if (done.status === 'ready') {
      fill(requestStatus, h('p', { className: 'ready' }, `${done.id}: ${statusText('ready')} `, downloadButton(done.downloadUrl, done.fileName, status)));
    } else {
      fill(requestStatus, h('p', { className: 'notice' }, `${done.id}: ${statusText(done.status)} ${done.reason ?? ''}`));
    }
    drawReports();
  });

  // The reports of the programme, watched while one is being made.
  const reportsArea = h('div', {});
  let reportsTimer = null;
  async function drawReports() {
    clearTimeout(reportsTimer);
    const { reports, problem } = await allReports(`/api/reports?programme=${encodeURIComponent(programme)}`);
    if (problem) {
      fill(reportsArea, h('p', { className: 'notice' }, problem));
      return;
    }
    fill(reportsArea, reports.length === 0 ? h('p', {}, t('noReports')) : reportTable(reports, status));
    if (reports.some(r => r.status === 'queued' || r.status === 'running')) {
      reportsTimer = setTimeout(drawReports, 2000);
    }
  }

  // The record browser.
  const monthInput = h('input', { type: 'month', name: 'month', value: thisMonth() });
  const placeSelect = h('select', { name: 'municipality' }, h('option', { value: '' }, t('allMunicipalities')),
    municipalities.map(m => h('option', { value: m.code }, `${labelOf(m, lang)} (${m.code})`)));
  const recordsArea = h('div', {});
  const editArea = h('div', {});
  const browseForm = h('form', { className: 'browse-form row' },
    labelled(t('month'), monthInput), labelled(t('municipality'), placeSelect),
    h('button', { type: 'submit' }, t('show')),
    h('button', { type: 'button', onclick: exportCsv }, t('exportCsv')));
  browseForm.addEventListener('submit', event => { event.preventDefault(); drawRecords(); drawQuality(); });
  function drawRecords() {
    const query = `programme=${encodeURIComponent(programme)}&period=${monthInput.value}${placeSelect.value ? `&municipality=${placeSelect.value}` : ''}`;
    return recordList(recordsArea, {
      query, reference, lang, caption: t('records'),
      onCorrect: item => correction(editArea, item, { reference, lang, me, onDone: () => { drawRecords(); drawAudit(); } }),
    });
  }
  async function exportCsv() {
    try {
      const name = await download(`/api/exports/entries?programme=${encodeURIComponent(programme)}&period=${monthInput.value}`, `entries_${programme}_${monthInput.value}.csv`);
      status.textContent = t('downloaded', { name });
    } catch (e) {
      status.textContent = `${t('downloadFailed')}: ${e.message}`;
    }
  }

  // Data quality.
  const qualityArea = h('div', {});
  async function drawQuality() {
    const asked = `programme=${encodeURIComponent(programme)}&period=${monthInput.value}`;
    qualityArea.dataset.asked = asked;
    const { response, data } = await callJson(`/api/quality?${asked}`).catch(() => ({ response: { ok: false, status: 0 } }));
    // An answer to an earlier question (another month asked meanwhile) is not shown.
    if (qualityArea.dataset.asked !== asked) return;
    qualityArea.dataset.period = monthInput.value;
    if (!response.ok) {
      fill(qualityArea, h('p', { className: 'hint' }, response.status === 404 || response.status === 405 ? t('qualityUnavailable') : data?.detail ?? t('offlineAction')));
      return;
    }
    const shown = ['programme', 'period', 'referenceVersion', 'entries', 'activities', 'perWorker', 'withoutNeighbourhood', 'findings', 'truncated'];
    const rest = Object.fromEntries(Object.entries(data).filter(([k]) => !shown.includes(k)));
    const records = list => (list ?? []).map(r => r.id).join(', ');
    fill(qualityArea,
      h('dl', { className: 'values' },
        h('dt', {}, t('period')), h('dd', {}, `${data.period} (${t('referenceVersion')} ${data.referenceVersion})`),
        h('dt', {}, t('entries')), h('dd', { 'data-value': 'entries' }, String(data.entries)),
        h('dt', {}, t('activities')), h('dd', { 'data-value': 'activities' }, String(data.activities)),
        h('dt', {}, t('withoutNeighbourhood')), h('dd', {}, `${data.withoutNeighbourhood?.entries ?? 0} / ${data.withoutNeighbourhood?.activities ?? 0}`),
        h('dt', {}, t('findings')), h('dd', { 'data-value': 'findings' }, String(data.findings?.count ?? 0)),
        data.truncated ? [h('dt', {}, t('truncated')), h('dd', {}, t('yes'))] : null),
      (data.perWorker ?? []).length === 0 ? null : table(t('perWorker'), [t('workerCode'), t('month'), t('entries'), t('activities')],
        data.perWorker.map(w => h('tr', {}, h('td', {}, w.worker), h('td', {}, w.month), h('td', {}, String(w.entries)), h('td', {}, String(w.activities))))),
      (data.findings?.items ?? []).length === 0 ? null : table(t('findings'), [t('kind'), t('recordId'), t('field'), t('code'), t('why')],
        data.findings.items.map(f => h('tr', {}, h('td', {}, t(f.kind === 'entry' ? 'entry' : 'activity')), h('td', { className: 'mono' }, f.id), h('td', {}, f.field), h('td', {}, f.code ?? ''), h('td', {}, f.reason)))),
      (data.withoutNeighbourhood?.records ?? []).length === 0 ? null : h('p', { className: 'hint' }, `${t('withoutNeighbourhood')}: `, h('span', { className: 'mono' }, records(data.withoutNeighbourhood.records))),
      Object.keys(rest).length === 0 ? null : renderValue(rest, t('quality')));
  }

  // The audit trail.
  const auditArea = h('div', {});
  async function drawAudit() {
    const { response, data } = await callJson(`/api/audit?programme=${encodeURIComponent(programme)}&max=100`).catch(() => ({ response: { ok: false, status: 0 } }));
    if (!response.ok) {
      fill(auditArea, h('p', { className: 'notice' }, data?.detail ?? t('offlineAction')));
      return;
    }
    fill(auditArea, data.entries.length === 0 ? h('p', {}, t('noAudit')) : table(t('audit'),
      [t('when'), t('who'), t('what'), t('kind'), t('recordId'), t('reason')],
      data.entries.map(e => h('tr', {},
        h('td', {}, formatDate(e.at)), h('td', {}, e.caller), h('td', {}, t(`audit_${e.action}`)), h('td', {}, e.kind),
        h('td', { className: 'mono' }, e.recordId), h('td', {}, e.reason ?? '')))));
  }

  function refreshAll() {
    drawReports();
    drawRecords();
    drawQuality();
    drawAudit();
  }

  const section = (id, title, ...content) => h('section', { id, 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, title), ...content);
  fill(root,
    h('nav', { className: 'sections', 'aria-label': t('sections') }, h('ul', {},
      [['request', t('requestReport')], ['reports', t('reports')], ['records', t('records')], ['quality', t('quality')], ['audit', t('audit')]]
        .map(([id, text]) => h('li', {}, h('a', { href: `#${id}` }, text))))),
    h('div', { className: 'field programme-choice' }, h('label', { for: 'programme-select' }, t('programme')), Object.assign(programmeSelect, { id: 'programme-select' })),
    section('request', t('requestReport'), requestForm, requestStatus),
    section('reports', t('reports'), reportsArea),
    section('records', t('records'), browseForm, recordsArea, editArea),
    section('quality', t('quality'), qualityArea),
    section('audit', t('audit'), auditArea),
    status);
  refreshAll();
}

/** A JSON value of any shape as HTML: lists of objects as tables, objects as definition lists. */
function renderValue(value, caption) {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.every(v => v && typeof v === 'object' && !Array.isArray(v))) {
      const keys = [...new Set(value.flatMap(v => Object.keys(v)))];
      return table(caption, keys, value.map(v => h('tr', {}, keys.map(k => h('td', {}, renderValue(v[k], k))))));
    }
    return value.map(v => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  }
  if (typeof value === 'object') {
    return h('dl', { className: 'values' }, Object.entries(value).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, renderValue(v, k))]));
  }
  return String(value);
}
