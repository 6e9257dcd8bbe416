// Stored records: a list (GET /api/entries?…, /api/activities?… answering { items, next }) and the correction of
// one record (GET it for its ETag, PUT it back with If-Match).

import { h, fill, table } from './dom.js';
import { t } from './i18n.js';
import { call, callJson } from './api.js';
import { recordForm, describe } from './forms.js';

const PATH = { entry: 'entries', activity: 'activities' };

/**
 * Lists the records of each kind that match a query (or each of several: a field worker's programmes), page by
 * page ("more"). Where the service has no list yet
 * (an older version answers 404 or 405), fallback() gives what the page knows (records sent from this device).
 */
export async function recordList(container, { query, kinds = ['entry', 'activity'], reference, lang, fallback, onCorrect, caption }) {
  fill(container, h('p', { className: 'loading' }, t('loading')));
  // Only the answer to the latest question is shown, whatever order the answers come in.
  const queries = [].concat(query);
  const asked = queries.join('|');
  container.dataset.asked = asked;
  const current = () => container.dataset.asked === asked;
  const rows = [];
  let unavailable = false;
  const nexts = [];
  for (const [kind, one] of kinds.flatMap(k => queries.map(q => [k, q]))) {
    try {
      const { response, data } = await callJson(`/api/${PATH[kind]}?${one}`);
      if (!current()) return;
      if (!response.ok) {
        if (response.status === 404 || response.status === 405) {
          unavailable = true;
          continue;
        }
        fill(container, h('p', { className: 'notice', role: 'alert' }, data?.detail ?? `HTTP ${response.status}`));
        return;
      }
      rows.push(...data.items.map(item => ({ ...item, kind })));
      if (data.next) nexts.push({ kind, url: data.next });
    } catch {
      if (current()) fill(container, h('p', { className: 'notice' }, t('listOffline')));
      return;
    }
  }
  if (unavailable && fallback) rows.push(...fallback());
  const draw = list => list.map(item => h('tr', { 'data-id': item.id },
    h('td', {}, t(item.kind === 'entry' ? 'entry' : 'activity')),
    h('td', {}, describe(item.kind, item, reference, lang)),
    h('td', {}, item.workerCode ?? (item.workerCodes ?? []).join(', ')),
    h('td', {}, h('button', { type: 'button', className: 'small', onclick: () => onCorrect(item), 'aria-label': `${t('correct')}: ${item.date} ${item.id.slice(0, 8)}` }, t('correct')))));
  rows.sort((a, b) => b.date.localeCompare(a.date));
  const wrapper = rows.length === 0 ? null : table(caption ?? t('myRecords'), [t('kind'), t('record'), t('workers'), t('action')], draw(rows));
  const more = h('button', { type: 'button', hidden: nexts.length === 0 }, t('more'));
  more.addEventListener('click', async () => {
    const pages = nexts.splice(0);
    for (const { kind, url } of pages) {
      const { response, data } = await callJson(url);
      if (!response.ok) continue;
      wrapper.querySelector('tbody').append(...draw(data.items.map(item => ({ ...item, kind }))));
      if (data.next) nexts.push({ kind, url: data.next });
    }
    more.hidden = nexts.length === 0;
  });
  fill(container,
    unavailable ? h('p', { className: 'hint' }, t(fallback ? 'listUnavailable' : 'listUnavailableHere')) : null,
    rows.length === 0 ? h('p', {}, t('noRecords')) : null,
    wrapper,
    more);
}

/** The correction form of one stored record: read with its ETag, changed, put back with If-Match. */
export async function correction(container, item, { reference, lang, me, onDone }) {
  const url = item.href ?? `/api/${PATH[item.kind]}/${item.id}`;
  const status = h('p', { role: 'status', className: 'announce' });
  let response;
  let data;
  try {
    ({ response, data } = await callJson(url));
  } catch {
    fill(container, h('p', { className: 'notice', role: 'alert' }, t('correctOffline')));
    return;
  }
  if (!response.ok) {
    fill(container, h('p', { className: 'notice', role: 'alert' }, data?.detail ?? `HTTP ${response.status}`));
    return;
  }
  let etag = response.headers.get('ETag');
  const heading = h('h3', { id: 'correct-heading', tabindex: -1 }, `${t('correction')}: ${t(item.kind === 'entry' ? 'entry' : 'activity')} ${data.date}`);
  const form = recordForm(item.kind, reference, lang, me, data, async (record, reason) => {
    const headers = { 'If-Match': etag };
    if (reason) headers['X-Reason'] = reason;
    let answer;
    try {
      answer = await call(url, { method: 'PUT', body: record, headers });
    } catch {
      status.textContent = t('correctOffline');
      return;
    }
    if (answer.ok) {
      etag = answer.headers.get('ETag');
      status.textContent = t('corrected');
      onDone?.();
      return;
    }
    const problem = (answer.headers.get('Content-Type') ?? '').includes('json') ? await answer.json() : null;
    if (answer.status === 412) {
      status.textContent = t('changedMeanwhile');
      return;
    }
    const errors = problem?.errors ? Object.entries(problem.errors).map(([path, messages]) => `${path}: ${[].concat(messages).join(' ')}`) : [];
    status.textContent = [problem?.detail ?? problem?.title ?? `HTTP ${answer.status}`, ...errors].join(' · ');
  });
  fill(container, h('section', { className: 'correction', 'aria-labelledby': 'correct-heading' },
    heading, form, status,
    h('button', { type: 'button', onclick: () => fill(container) }, t('close'))));
  heading.focus();
}
