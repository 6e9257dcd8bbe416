// The funder's page: the reports of their programmes (only the editions published for funders: small cells hidden,
// closed periods), newest first, those made since the last visit marked, each downloadable.

import { h, fill } from './dom.js';
import { t } from './i18n.js';
import { allReports, reportTable } from './reports.js';

export async function funderView(root, me) {
  const visitKey = `reporting.lastVisit.${me.programmes.join('+')}`;
  const lastVisit = localStorage.getItem(visitKey);
  const status = h('p', { className: 'announce', role: 'status' });
  const area = h('div', {}, h('p', { className: 'loading' }, t('loading')));
  fill(root, h('section', { 'aria-labelledby': 'funder-heading' },
    h('h2', { id: 'funder-heading' }, t('yourReports')),
    h('p', { className: 'hint' }, t('funderHint', { programmes: me.programmes.join(', ') })),
    area, status));

  const { reports: all, problem } = await allReports('/api/reports');
  if (problem) {
    fill(area, h('p', { className: 'notice', role: 'alert' }, problem));
    return;
  }
  // Newest first: the latest period, then the latest made.
  const reports = all.filter(r => r.status === 'ready')
    .sort((a, b) => b.to.localeCompare(a.to) || b.from.localeCompare(a.from) || (b.completedAt ?? '').localeCompare(a.completedAt ?? ''));
  const isNew = report => lastVisit === null || (report.completedAt !== null && new Date(report.completedAt) > new Date(lastVisit));
  const fresh = reports.filter(isNew).length;
  fill(area,
    h('p', { className: 'summary', id: 'new-count' }, lastVisit === null ? t('firstVisit') : t('newSince', { n: fresh, when: new Date(lastVisit).toLocaleString() })),
    reports.length === 0 ? h('p', {}, t('noReports')) : reportTable(reports, status, { markNew: isNew, caption: t('yourReports'), showStatus: false }));
  localStorage.setItem(visitKey, new Date().toISOString());
}
