// The field worker's page: a new logbook entry or collective activity (kept in the outbox and sent when there is a
// connection), the outbox with each record's answer, and "my records this month" with a correction form.

import { h, fill, thisMonth } from './dom.js';
import { t, statusText } from './i18n.js';
import { callJson, reference as loadReference } from './api.js';
import * as outbox from './outbox.js';
import { recordForm, describe } from './forms.js';
import { correction, recordList } from './records.js';

export async function fieldWorkerView(root, me, lang) {
  const reference = await loadReference();
  if (!reference) {
    fill(root, h('p', { className: 'notice', role: 'alert' }, t('noReference')));
    return;
  }
  let kind = sessionStorage.getItem('reporting.kind') ?? 'entry';
  const connection = h('p', { className: 'connection', role: 'status' });
  const formArea = h('div', {});
  const announce = h('p', { className: 'announce', role: 'status', 'aria-live': 'polite' });
  const outboxArea = h('div', {});
  const mine = h('div', {});
  const editArea = h('div', {});

  const kindSwitch = h('div', { className: 'switch', role: 'group', 'aria-label': t('newRecord') },
    ['entry', 'activity'].map(k => h('button', {
      type: 'button', 'aria-pressed': String(k === kind), 'data-kind': k,
      onclick: () => { kind = k; sessionStorage.setItem('reporting.kind', k); drawForm(); },
    }, t(k === 'entry' ? 'entry' : 'activity'))));

  function drawForm() {
    for (const button of kindSwitch.querySelectorAll('button')) button.setAttribute('aria-pressed', String(button.dataset.kind === kind));
    fill(formArea, recordForm(kind, reference, lang, me, null, record => {
      const kept = outbox.add(kind, record);
      drawForm();
      announce.textContent = navigator.onLine ? t('keptSending') : t('keptOffline');
      formArea.querySelector('select, input')?.focus();
      send();
      return kept;
    }));
  }

  function drawConnection() {
    connection.className = navigator.onLine ? 'connection online' : 'connection offline';
    connection.textContent = navigator.onLine ? t('online') : t('offline');
  }

  function drawOutbox() {
    const list = outbox.items().slice().reverse();
    const waiting = list.filter(i => i.status === 'queued').length;
    fill(outboxArea,
      h('p', {}, waiting === 0 ? t('nothingWaiting') : t('waiting', { n: waiting })),
      list.length === 0 ? null : h('ul', { className: 'outbox' }, list.map(item => h('li', { className: `status-${item.status}`, 'data-id': item.id },
        h('span', { className: 'badge' }, statusText(item.status)), ' ',
        h('span', {}, `${t(item.kind === 'entry' ? 'entry' : 'activity')}: ${describe(item.kind, item.record, reference, lang)}`),
        item.errors ? h('ul', { className: 'errors' }, Object.entries(item.errors).map(([path, messages]) => h('li', {}, `${path}: ${[].concat(messages).join(' ')}`))) : null,
        item.status === 'invalid' || item.status === 'conflict'
          ? h('button', { type: 'button', className: 'small', onclick: () => outbox.remove(item.id) }, t('remove'))
          : null))),
      waiting > 0 ? h('button', { type: 'button', onclick: send }, t('sendNow')) : null);
  }

  let retry = null;
  async function send() {
    if (outbox.pending() === 0) return;
    const { sent, error } = await outbox.flush();
    if (sent > 0) announce.textContent = t('sentResults');
    if (error === 401) announce.textContent = t('signInAgain');
    // No connection: the "online" event sends again; the service asked to wait (429, 503): try again in a while.
    if (error && error !== 'offline' && error !== 401 && !retry) {
      retry = setTimeout(() => { retry = null; send(); }, 15_000);
    }
    if (sent > 0) drawMine();
  }

  async function drawMine() {
    const month = thisMonth();
    await recordList(mine, {
      query: me.programmes.map(p => `programme=${encodeURIComponent(p)}&period=${month}`),
      period: month,
      reference,
      lang,
      fallback: () => outbox.items()
        .filter(i => (i.status === 'created' || i.status === 'duplicate') && i.record.date.startsWith(month))
        .map(i => ({ ...i.record, kind: i.kind, href: `/api/${i.kind === 'entry' ? 'entries' : 'activities'}/${i.id}` })),
      onCorrect: item => correction(editArea, item, { reference, lang, me, onDone: drawMine }),
    });
  }

  outbox.onChange(drawOutbox);
  window.addEventListener('online', () => { drawConnection(); send(); });
  window.addEventListener('offline', drawConnection);

  fill(root,
    h('section', { 'aria-labelledby': 'new-heading' },
      h('h2', { id: 'new-heading' }, t('newRecord')),
      connection, kindSwitch, formArea, announce),
    h('section', { 'aria-labelledby': 'outbox-heading' },
      h('h2', { id: 'outbox-heading' }, t('outbox')), outboxArea),
    h('section', { 'aria-labelledby': 'mine-heading' },
      h('h2', { id: 'mine-heading' }, t('myRecords')), mine, editArea));
  drawConnection();
  drawForm();
  drawOutbox();
  drawMine();
  send();
}
