// One rule of work as the /rules page edits it: for each field, whether this tier sets it or inherits it (and what it
// inherits), and the editor of what it sets. The API speaks ISO 8601 durations; people here write the callback
// deadline in minutes and ring times in seconds. Saving sends only the fields set here: the rest are inherited.
import { el, fill } from './dom.js';
import { t, lang } from './i18n.js';

export const STEPS = ['OWNER', 'DEPUTY', 'HEAD_OF_SALES', 'LEAD_LINE'];

export function stepName(step) {
  return ({ OWNER: t('rules.stepOwner'), DEPUTY: t('rules.stepDeputy'), HEAD_OF_SALES: t('rules.stepHead'),
    LEAD_LINE: t('rules.stepLeadLine') })[step] || step;
}

/** The seconds of an ISO 8601 duration as java.time.Duration writes it (PT10M, PT1H30M, PT0.5S), else null. */
export function seconds(iso) {
  const found = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso || '');
  if (!found) return null;
  const [, days, hours, minutes, secs] = found.map(part => Number(part || 0));
  return days * 86400 + hours * 3600 + minutes * 60 + secs;
}

const round = value => Math.round(value * 100) / 100;
const minutesOf = iso => (seconds(iso) === null ? '' : String(round(seconds(iso) / 60)));
const secondsOf = iso => (seconds(iso) === null ? '' : String(round(seconds(iso))));

/** Minutes as written to ISO: whole minutes as PT<n>M; what the API cannot read goes as written, for its error. */
function minutesToIso(written) {
  const value = written.trim();
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  return Number.isInteger(Number(value)) ? `PT${Number(value)}M` : `PT${round(Number(value) * 60)}S`;
}

function secondsToIso(written) {
  const value = written.trim();
  return /^-?\d+(\.\d+)?$/.test(value) ? `PT${Number(value)}S` : value;
}

/** What a field's value reads as, for the inherited line. */
export function describe(field, value) {
  if (field === 'callbackDeadline') return t('rules.minutes', { value: minutesOf(value) });
  if (field === 'priority') return value === 'HIGH' ? t('rules.priorityHigh') : t('rules.priorityNormal');
  if (field === 'script') return value ? `${value.title}: ${value.text[lang()] ?? value.text.en}` : t('rules.noScript');
  return value.map(step => `${stepName(step.step)} ${t('rules.seconds', { value: secondsOf(step.ringTime) })}`).join(' → ');
}

/**
 * The editor of one rule. inherited(field) says what the rule inherits when it leaves the field out:
 * { from, value } (value undefined when the page cannot know it). Returns the form; body(form) is what to PUT.
 */
export function ruleForm(rule, inherited) {
  const form = el('form', { class: 'rule-form', novalidate: true, dataset: { ruleKey: rule.key } },
    part(rule, 'callbackDeadline', 'rules.callbackDeadline', inherited, value => el('div', { class: 'field' },
      el('label', { text: t('rules.deadlineMinutes') }),
      el('input', { name: 'callbackDeadline', type: 'number', step: 'any', class: 'short', value: minutesOf(value) })),
    'PT30M'),
    part(rule, 'priority', 'rules.priority', inherited, value => el('div', { class: 'field' },
      el('label', { text: t('rules.priority') }),
      el('select', { name: 'priority' },
        el('option', { value: 'NORMAL', selected: value !== 'HIGH', text: t('rules.priorityNormal') }),
        el('option', { value: 'HIGH', selected: value === 'HIGH', text: t('rules.priorityHigh') }))), 'NORMAL'),
    part(rule, 'script', 'rules.script', inherited, value => el('div', { class: 'script-editor' },
      el('div', { class: 'field' }, el('label', { text: t('rules.scriptTitle') }),
        el('input', { name: 'script.title', size: 50, value: value?.title ?? '' })),
      el('div', { class: 'field' }, el('label', { text: t('rules.scriptEn') }),
        el('textarea', { name: 'script.text.en', rows: 3, cols: 70, lang: 'en', text: value?.text?.en ?? '' })),
      el('div', { class: 'field' }, el('label', { text: t('rules.scriptRu') }),
        el('textarea', { name: 'script.text.ru', rows: 3, cols: 70, lang: 'ru', text: value?.text?.ru ?? '' }))), null),
    part(rule, 'chain', 'rules.chain', inherited, chainEditor,
      [{ step: 'OWNER', ringTime: 'PT20S' }, { step: 'HEAD_OF_SALES', ringTime: 'PT30S' }]));
  return form;
}

/**
 * One field: "set for this tier" and its editor, or what it inherits. Ticking the box starts the editor from the
 * inherited value (else from a starting value), so that changing one detail does not mean typing it all again.
 */
function part(rule, field, titleKey, inherited, editor, start) {
  const own = rule[field] !== null && rule[field] !== undefined;
  const from = inherited(field);
  const fallback = from.value === undefined || from.value === null ? start : from.value;
  const holder = el('div', { class: 'rule-editor' });
  const note = el('div', { class: 'muted inherited' });
  const box = el('input', { type: 'checkbox', name: `set-${field}`, checked: own });
  const node = el('fieldset', { class: 'rule-field', dataset: { field } },
    el('legend', { text: t(titleKey) }),
    el('label', { class: 'set-here' }, box, ' ', t('rules.setHere')), holder, note);
  const show = () => {
    node.dataset.source = box.checked ? 'set' : 'inherited';
    fill(holder, box.checked ? editor(own ? rule[field] : fallback) : null);
    note.hidden = box.checked;
    fill(note, from.value === undefined ? t('rules.inheritedBuiltIn')
      : t('rules.inherited', { from: from.from, value: describe(field, from.value) }));
  };
  box.addEventListener('change', show);
  show();
  return node;
}

function chainEditor(chain) {
  const rows = el('div', { class: 'chain-steps' });
  const add = el('button', { type: 'button', class: 'secondary add-step', text: t('rules.addStep') });
  const renumber = () => {
    [...rows.children].forEach((row, i) => {
      row.querySelector('select').name = `chain[${i}].step`;
      row.querySelector('input').name = `chain[${i}].ringTime`;
      row.querySelector('.up').disabled = i === 0;
      row.querySelector('.down').disabled = i === rows.children.length - 1;
    });
    add.disabled = rows.children.length >= STEPS.length;
  };
  const row = step => {
    const node = el('div', { class: 'chain-step' },
      el('span', { class: 'field' }, el('select', { 'aria-label': t('rules.step') },
        STEPS.map(name => el('option', { value: name, selected: name === step.step, text: stepName(name) })))),
      el('span', { class: 'field' }, el('label', { class: 'inline-label' },
        el('input', { type: 'number', step: 'any', class: 'short', value: secondsOf(step.ringTime), 'aria-label': t('rules.ringSeconds') }),
        ' ', t('rules.secondsUnit'))),
      el('button', { type: 'button', class: 'secondary up', title: t('rules.up'), text: '↑',
        onclick: () => { node.previousElementSibling?.before(node); renumber(); } }),
      el('button', { type: 'button', class: 'secondary down', title: t('rules.down'), text: '↓',
        onclick: () => { node.nextElementSibling?.after(node); renumber(); } }),
      el('button', { type: 'button', class: 'secondary remove-step', title: t('rules.removeStep'), text: '✕',
        onclick: () => { node.remove(); renumber(); } }));
    return node;
  };
  add.addEventListener('click', () => {
    const taken = [...rows.querySelectorAll('select')].map(select => select.value);
    rows.append(row({ step: STEPS.find(step => !taken.includes(step)) || STEPS[0], ringTime: 'PT20S' }));
    renumber();
  });
  chain.forEach(step => rows.append(row(step)));
  renumber();
  // The API's error about the chain as a whole ("1 to 4 steps") goes under the steps.
  return el('div', { class: 'field chain-field' }, rows, el('input', { type: 'hidden', name: 'chain' }), add);
}

/** What to PUT: the fields set here; the others are left out and so inherited. */
export function body(form) {
  const set = field => form.querySelector(`[name="set-${field}"]`).checked;
  const value = name => form.querySelector(`[name="${CSS.escape(name)}"]`).value;
  const rule = {};
  if (set('callbackDeadline')) rule.callbackDeadline = minutesToIso(value('callbackDeadline'));
  if (set('priority')) rule.priority = value('priority');
  if (set('script')) {
    rule.script = { title: value('script.title'), text: { en: value('script.text.en'), ru: value('script.text.ru') } };
  }
  if (set('chain')) {
    rule.chain = [...form.querySelectorAll('.chain-step')].map(step => ({
      step: step.querySelector('select').value, ringTime: secondsToIso(step.querySelector('input').value) }));
  }
  return rule;
}
