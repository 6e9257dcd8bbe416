// Reports as coordinators and funders see them: a row per report, its status watched until it is ready, its
// editions, and downloads (fetched with the caller's key, saved under the service's file name).

import { h, fill, table } from './dom.js';
import { t, statusText, formatDate } from './i18n.js';
import { callJson, download } from './api.js';

/** A download button for a workbook; says what happened in the given live region. */
export function downloadButton(url, fileName, status, label = t('download')) {
  return h('button', {
    type: 'button', className: 'small download', 'data-url': url,
    'aria-label': `${label}: ${fileName ?? url}`,
    onclick: async () => {
      try {
        const name = await download(url, fileName ?? 'report.xlsx');
        status.textContent = t('downloaded', { name });
      } catch (e) {
        status.textContent = `${t('downloadFailed')}: ${e.message}`;
      }
    },
  }, label);
}

/** What a report covers, in words: period, municipality, campaign, language, small cells. */
export function scopeText(report) {
  return [
    report.period,
    report.municipality ? `${t('municipality')} ${report.municipality}` : null,
    report.campaign ? `${t('campaign')} ${report.campaign}` : null,
    report.splitBrussels ? t('brusselsSplit') : null,
    report.suppressSmallCells ? t('smallHidden') : t('smallShown'),
  ].filter(Boolean).join(' · ');
}

/** The editions of one report, each downloadable. */
export async function editions(container, report, status) {
  const { response, data } = await callJson(report.statusUrl);
  if (!response.ok) {
    fill(container, h('p', { className: 'notice' }, data?.detail ?? `HTTP ${response.status}`));
    return;
  }
  const list = data.editions ?? [];
  fill(container, list.length === 0 ? h('p', {}, t('noEditions')) : h('ul', { className: 'editions' },
    list.map(e => h('li', {},
      `${t('edition')} ${e.edition} · ${formatDate(e.completedAt)}${e.provisional ? ` · ${t('provisional')}` : ''} · `,
      downloadButton(e.downloadUrl, e.fileName, status)))));
}

/**
 * Every report of a list, following its next links (pages of up to 500). Answers { reports } or { problem }.
 */
export async function allReports(url) {
  const reports = [];
  let next = `${url}${url.includes('?') ? '&' : '?'}limit=500`;
  for (let page = 0; next && page < 20; page += 1) {
    let answer;
    try {
      answer = await callJson(next);
    } catch {
      return { problem: t('offlineAction') };
    }
    if (!answer.response.ok) return { problem: answer.data?.detail ?? `HTTP ${answer.response.status}` };
    reports.push(...answer.data.reports);
    next = answer.data.next ?? null;
  }
  return { reports };
}

/** Polls a report's status until it is ready or failed, calling back with each status seen. */
export async function watch(statusUrl, onStatus, intervalMs = 1000) {
  for (;;) {
    let report = null;
    try {
      const { response, data } = await callJson(statusUrl);
      if (response.ok) report = data;
    } catch {
      // No connection for a moment: the next poll tries again.
    }
    if (report) {
      onStatus(report);
      if (report.status === 'ready' || report.status === 'failed') return report;
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

/** A table of reports with status, download and editions. markNew(report) says whether to mark one as new. */
export function reportTable(reports, status, { markNew = () => false, caption = t('reports'), showStatus = true } = {}) {
  const rows = reports.map(report => {
    const more = h('div', { className: 'editions-area' });
    return h('tr', { 'data-id': report.id, className: markNew(report) ? 'new' : null },
      h('td', {}, report.programme),
      h('td', {}, scopeText(report), markNew(report) ? h('span', { className: 'badge new' }, ` ${t('new')}`) : null),
      h('td', {}, report.language.toUpperCase()),
      showStatus ? h('td', { className: `status-${report.status}` }, statusText(report.status), report.reason ? ` (${report.reason})` : '') : null,
      h('td', {}, report.completedAt ? formatDate(report.completedAt) : '—'),
      h('td', {},
        report.downloadUrl ? downloadButton(report.downloadUrl, report.fileName, status) : null, ' ',
        h('button', { type: 'button', className: 'small', 'aria-expanded': 'false', 'aria-label': `${t('editions')}: ${report.id}`,
          onclick: async event => {
            const button = event.currentTarget;
            const open = button.getAttribute('aria-expanded') === 'true';
            button.setAttribute('aria-expanded', String(!open));
            if (open) fill(more); else await editions(more, report, status);
          } }, t('editions')),
        more));
  });
  const headers = [t('programme'), t('report'), t('language'), showStatus ? t('status') : null, t('madeAt'), t('action')].filter(Boolean);
  return table(caption, headers, rows);
}
