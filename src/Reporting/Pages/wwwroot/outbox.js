// The field worker's outbox: every new record waits in localStorage until the service has answered for it, and is
// sent with the others of its kind as one batch (POST /api/entries/batch, /api/activities/batch). Ids are made in
// the browser (crypto.randomUUID) before a record is kept, so sending it again (a lost answer, a reload, two tabs)
// stores it once: the service answers "duplicate" for a record it already has.

import { call } from './api.js';

const STORE = 'reporting.outbox.v1';
const KEEP_ANSWERED_MS = 31 * 24 * 3600 * 1000;
const BATCH = 500;
const PATHS = { entry: '/api/entries/batch', activity: '/api/activities/batch' };

const listeners = new Set();
let sending = null;

/** Every record of the outbox: { kind, id, record, status: 'queued'|'created'|'duplicate'|'invalid'|'conflict', errors, queuedAt, answeredAt }. */
export function items() {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? '[]');
  } catch {
    return [];
  }
}

function save(list) {
  const now = Date.now();
  // Answered records are shown for a month (the worker's receipt), then forgotten; queued ones are never dropped.
  const kept = list.filter(i => i.status === 'queued' || now - (i.answeredAt ?? now) < KEEP_ANSWERED_MS);
  localStorage.setItem(STORE, JSON.stringify(kept));
  for (const listener of listeners) listener(kept);
}

export function onChange(listener) {
  listeners.add(listener);
}

/** Keeps a new record (its id made here) and returns it. */
export function add(kind, record) {
  const kept = { ...record, id: record.id ?? crypto.randomUUID() };
  save([...items(), { kind, id: kept.id, record: kept, status: 'queued', queuedAt: Date.now() }]);
  return kept;
}

export function remove(id) {
  save(items().filter(i => i.id !== id));
}

export function pending() {
  return items().filter(i => i.status === 'queued').length;
}

/**
 * Sends every queued record, one batch per kind, and keeps each record's answer. Without a connection (or when
 * the service asks to wait: 429, 503) the records stay queued for the next try; answers { sent, error }.
 */
export function flush() {
  sending ??= send().finally(() => { sending = null; });
  return sending;
}

async function send() {
  let sent = 0;
  for (const kind of Object.keys(PATHS)) {
    const queued = items().filter(i => i.kind === kind && i.status === 'queued');
    for (let start = 0; start < queued.length; start += BATCH) {
      const chunk = queued.slice(start, start + BATCH);
      let response;
      try {
        response = await call(PATHS[kind], { method: 'POST', body: { records: chunk.map(i => i.record) } });
      } catch {
        return { sent, error: 'offline' };
      }
      if (!response.ok) {
        return { sent, error: response.status };
      }
      const { results } = await response.json();
      const answers = new Map(results.map(r => [r.id, r]));
      const now = Date.now();
      save(items().map(i => {
        const answer = i.kind === kind && i.status === 'queued' ? answers.get(i.id) : undefined;
        return answer ? { ...i, status: answer.status, errors: answer.errors ?? null, answeredAt: now } : i;
      }));
      sent += chunk.length;
    }
  }
  return { sent, error: null };
}
