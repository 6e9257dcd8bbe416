// The record forms (a logbook entry, a collective activity), drawn from the reference data in the page's language.
// The same form makes a new record and corrects a stored one.

import { h, uid, todayInBrussels } from './dom.js';
import { t, labelOf } from './i18n.js';

/** The codes of a list a form offers: the current ones, and a retired one only where the record already has it. */
function codes(reference, list, kept = []) {
  return (reference.codeLists[list] ?? []).filter(c => !c.retired || kept.includes(c.code));
}

function field(labelText, control, hint) {
  const id = control.id || uid('f');
  control.id = id;
  const hintId = hint ? `${id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { className: 'field' }, h('label', { for: id }, labelText), hint ? h('p', { className: 'hint', id: hintId }, hint) : null, control);
}

function select(name, options, value, { required = false, empty = null } = {}) {
  return h('select', { name, required },
    empty !== null ? h('option', { value: '' }, empty) : null,
    options.map(o => h('option', { value: o.value, selected: o.value === value }, o.text)));
}

function choices(name, legend, options, checked, { type = 'checkbox', required = false, columns = false } = {}) {
  return h('fieldset', { className: columns ? 'choices columns' : 'choices', 'data-name': name, 'data-required': required ? 'true' : null },
    h('legend', {}, legend, required ? h('span', { className: 'required' }, ` (${t('required')})`) : null),
    options.map(o => {
      const id = uid(name);
      return h('div', { className: 'choice' },
        h('input', { type, id, name, value: o.value, checked: checked.includes(o.value), required: type === 'radio' && required }),
        h('label', { for: id }, o.text));
    }));
}

const asOptions = (list, lang) => list.map(c => ({ value: c.code, text: labelOf(c, lang) }));

function placeOptions(reference, lang) {
  const municipalities = reference.municipalities.map(m => ({ value: m.code, text: `${labelOf(m, lang)} (${m.code})` }));
  const names = new Map(reference.municipalities.map(m => [m.code, labelOf(m, lang)]));
  const neighbourhoods = reference.neighbourhoods.filter(n => !n.retired)
    .map(n => ({ value: n.code, text: `${n.code} ${labelOf(n, lang)} (${names.get(n.municipality) ?? n.municipality})` }));
  const parts = reference.municipalities.flatMap(m => m.parts.map(p => ({ value: p.postcode, text: `${p.postcode} ${labelOf(p, lang)}` })));
  return { municipalities, neighbourhoods, parts };
}

/**
 * A form for one record. kind: 'entry' or 'activity'; me: the caller (programmes, worker code); record: the stored
 * record to correct, or null for a new one. onSubmit receives the record the form holds (without an id for a new one).
 */
export function recordForm(kind, reference, lang, me, record, onSubmit) {
  const r = record ?? {};
  const { municipalities, neighbourhoods, parts } = placeOptions(reference, lang);
  const programmes = me.programmes.map(p => {
    const code = (reference.codeLists.programmes ?? []).find(c => c.code === p);
    return { value: p, text: code ? `${p}: ${labelOf(code, lang)}` : p };
  });
  const common = [
    field(t('programme'), select('programme', programmes, r.programme ?? me.programmes[0], { required: true })),
    field(t('date'), h('input', { type: 'date', name: 'date', required: true, max: todayInBrussels(), value: r.date ?? todayInBrussels() })),
    field(t('municipality'), select('municipality', municipalities, r.municipality ?? '', { empty: t('none') }), t('placeHint')),
  ];
  let fields;
  if (kind === 'entry') {
    fields = [
      ...common,
      field(t('neighbourhood'), select('neighbourhood', neighbourhoods, r.neighbourhood ?? '', { empty: t('none') })),
      field(t('firstContact'), select('firstContact', asOptions(codes(reference, 'firstContact', [r.firstContact]), lang), r.firstContact ?? '', { required: true, empty: t('choose') })),
      choices('initiative', t('initiative'), asOptions(codes(reference, 'initiative', [r.initiative]), lang), [r.initiative], { type: 'radio', required: true }),
      field(t('place'), select('place', asOptions(codes(reference, 'places', [r.place]), lang), r.place ?? '', { required: true, empty: t('choose') })),
      choices('actions', t('actions'), asOptions(codes(reference, 'actions', r.actions ?? []), lang), r.actions ?? [], { required: true }),
      choices('nonTakeUp', t('nonTakeUp'), asOptions(codes(reference, 'nonTakeUp', r.nonTakeUp ?? []), lang), r.nonTakeUp ?? []),
      choices('themes', t('themes'), asOptions(codes(reference, 'themes', r.themes ?? []), lang).map(o => ({ ...o, text: `${o.value}: ${o.text}` })), r.themes ?? [], { required: true, columns: true }),
      choices('vulnerabilities', t('vulnerabilities'), asOptions(codes(reference, 'vulnerabilities', r.vulnerabilities ?? []), lang), r.vulnerabilities ?? [], { columns: true }),
    ];
  } else {
    const others = (r.workerCodes ?? []).filter(c => c !== me.workerCode).join(', ');
    fields = [
      ...common,
      field(t('postcode'), select('postcode', parts, r.postcode ?? '', { empty: t('none') }), t('postcodeHint')),
      field(t('neighbourhood'), select('neighbourhood', neighbourhoods, r.neighbourhood ?? '', { empty: t('none') })),
      field(t('activityName'), h('input', { type: 'text', name: 'name', required: true, maxlength: 120, value: r.name ?? '', autocomplete: 'off' }), t('activityNameHint')),
      field(t('format'), select('format', asOptions(codes(reference, 'activityFormats', [r.format]), lang), r.format ?? '', { required: true, empty: t('choose') })),
      choices('regularity', t('regularity'), asOptions(codes(reference, 'regularity', [r.regularity]), lang), [r.regularity], { type: 'radio', required: true }),
      choices('organisation', t('organisation'), asOptions(codes(reference, 'organisation', [r.organisation]), lang), [r.organisation], { type: 'radio', required: true }),
      choices('themes', t('themes'), asOptions(codes(reference, 'themes', r.themes ?? []), lang).map(o => ({ ...o, text: `${o.value}: ${o.text}` })), r.themes ?? [], { required: true, columns: true }),
      field(t('participants'), h('input', { type: 'number', name: 'participants', min: 0, step: 1, inputmode: 'numeric', value: r.participants ?? '' })),
      field(t('partners'), h('input', { type: 'number', name: 'partners', min: 0, step: 1, inputmode: 'numeric', value: r.partners ?? '' })),
      field(me.role === 'coordinator' ? t('workerCodes') : t('otherWorkers'), h('input', { type: 'text', name: 'otherWorkers', value: me.role === 'coordinator' ? (r.workerCodes ?? []).join(', ') : others, autocomplete: 'off' }), t('otherWorkersHint')),
    ];
  }
  fields.push(field(t('campaign'), select('campaign', asOptions(codes(reference, 'campaigns', [r.campaign]), lang), r.campaign ?? '', { empty: t('none') })));
  if (me.role === 'coordinator' && kind === 'entry') {
    fields.push(field(t('workerCode'), h('input', { type: 'text', name: 'workerCode', required: kind === 'entry', value: r.workerCode ?? '', autocomplete: 'off' })));
  }
  if (record) {
    fields.push(field(t('reason'), h('input', { type: 'text', name: 'reason', maxlength: 200, autocomplete: 'off' }), t('reasonHint')));
  }
  const problem = h('p', { className: 'form-problem', role: 'alert', hidden: true });
  const form = h('form', { className: 'record-form', novalidate: true, 'data-kind': kind },
    fields, problem,
    h('button', { type: 'submit', className: 'primary' }, record ? t('saveCorrection') : t('keep')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const missing = check(form);
    if (missing.length > 0) {
      problem.hidden = false;
      problem.textContent = `${t('missing')}: ${missing.join(', ')}`;
      return;
    }
    problem.hidden = true;
    onSubmit(read(form, kind, me, record), form.elements.namedItem('reason')?.value ?? '');
  });
  return form;
}

/** What the browser can tell before sending: required fields, one checked box in a required group, a place. */
function check(form) {
  const missing = [];
  for (const control of form.querySelectorAll('input[required]:not([type=radio]), select[required]')) {
    if (!control.value.trim() || !control.checkValidity()) missing.push(form.querySelector(`label[for="${control.id}"]`)?.textContent ?? control.name);
  }
  for (const group of form.querySelectorAll('fieldset[data-required]')) {
    if (!group.querySelector('input:checked')) missing.push(group.querySelector('legend').firstChild.textContent);
  }
  const value = name => form.elements.namedItem(name)?.value;
  if (!value('municipality') && !value('neighbourhood')) missing.push(`${t('municipality')} / ${t('neighbourhood')}`);
  for (const control of form.querySelectorAll('input[type=number]')) {
    if (!control.checkValidity()) missing.push(form.querySelector(`label[for="${control.id}"]`)?.textContent ?? control.name);
  }
  return missing;
}

function read(form, kind, me, record) {
  const data = new FormData(form);
  const text = name => (data.get(name) ?? '').toString().trim() || null;
  const all = name => data.getAll(name).map(v => v.toString());
  const number = name => (text(name) === null ? null : Number(text(name)));
  const base = record ? { id: record.id } : {};
  if (kind === 'entry') {
    return {
      ...base,
      programme: text('programme'),
      workerCode: me.role === 'coordinator' ? text('workerCode') : me.workerCode,
      date: text('date'),
      municipality: text('municipality'),
      neighbourhood: text('neighbourhood'),
      firstContact: text('firstContact'),
      initiative: text('initiative'),
      place: text('place'),
      actions: all('actions'),
      nonTakeUp: all('nonTakeUp'),
      themes: all('themes'),
      vulnerabilities: all('vulnerabilities'),
      campaign: text('campaign'),
    };
  }
  const listed = (text('otherWorkers') ?? '').split(/[\s,;]+/).map(c => c.trim().toUpperCase()).filter(Boolean);
  const workers = me.role === 'coordinator' ? listed : [me.workerCode, ...listed.filter(c => c !== me.workerCode)];
  return {
    ...base,
    programme: text('programme'),
    workerCodes: [...new Set(workers)],
    date: text('date'),
    municipality: text('municipality'),
    postcode: text('postcode'),
    neighbourhood: text('neighbourhood'),
    name: text('name'),
    format: text('format'),
    regularity: text('regularity'),
    organisation: text('organisation'),
    themes: all('themes'),
    participants: number('participants'),
    partners: number('partners'),
    campaign: text('campaign'),
  };
}

/** A short line about a record for lists: date, place, themes. */
export function describe(kind, record, reference, lang) {
  const municipality = reference?.municipalities.find(m => m.code === record.municipality);
  const neighbourhood = reference?.neighbourhoods.find(n => n.code === record.neighbourhood);
  const where = [neighbourhood ? labelOf(neighbourhood, lang) : null, municipality ? labelOf(municipality, lang) : null].filter(Boolean).join(', ');
  const what = kind === 'activity' ? record.name : (record.themes ?? []).join(', ');
  return `${record.date} · ${where || '—'} · ${what ?? ''}`;
}
