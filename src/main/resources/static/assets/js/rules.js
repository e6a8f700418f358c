// The rules of work per client tier (GET/PUT/DELETE /api/rules, docs/api.md), for the head of sales and the admin: the
// default, VIP and each segment's rule, each field set for the tier or inherited from a less specific rule (VIP, then
// the client's segment, then the default, then the built-in default of the server's settings). A segment's rule is
// added for an industry (those of the clients, from the segment report, are offered) and saved like any other.
import { startPage } from './layout.js';
import { el, fill, $, dateTime } from './dom.js';
import { t } from './i18n.js';
import { get, put, del } from './api.js';
import { onSubmit, showOk } from './forms.js';
import { status } from './card.js';
import { ruleForm, body } from './rule-form.js';

await startPage();

const SEGMENT = 'SEGMENT:';
const same = (a, b) => a.toLowerCase() === b.toLowerCase();
const industryOf = key => key.slice(SEGMENT.length);

function tierName(key) {
  if (key === 'DEFAULT') return t('rules.default');
  if (key === 'VIP') return t('rules.vip');
  return t('rules.segment', { industry: industryOf(key) });
}

function inherits(key) {
  if (key === 'DEFAULT') return t('rules.inheritsDefault');
  return key === 'VIP' ? t('rules.inheritsVip') : t('rules.inheritsSegment');
}

/**
 * The rules as stored (the default as built in when none is, VIP marked absent when none is), and segment rules added
 * here but not saved yet.
 */
let rules = [];
const drafts = new Map();
const list = el('div', { id: 'rules' });
const industries = el('datalist', { id: 'industries' });

fill($('#page'), el('h1', { text: t('rules.title') }),
  el('p', { class: 'muted', text: t('rules.explain') }),
  addSegmentForm(), industries, list);

function addSegmentForm() {
  return onSubmit(el('form', { id: 'add-segment', class: 'box inline' },
    el('div', { class: 'field' }, el('label', { for: 'new-industry', text: t('rules.industry') }),
      el('input', { id: 'new-industry', name: 'industry', list: 'industries', size: 30, maxlength: 100 })),
    el('button', { type: 'submit', text: t('rules.addSegment') })), async (values, form) => {
    const industry = (values.industry || '').trim();
    if (!industry) return;
    const key = SEGMENT + industry;
    const known = [...rules, ...drafts.values()].find(rule => same(rule.key, key));
    if (!known) drafts.set(key, { key, draft: true });
    form.reset();
    draw();
    const section = [...list.querySelectorAll('.rule')].find(node => same(node.dataset.ruleKey, key));
    section.scrollIntoView({ block: 'start' });
    section.querySelector('input[type=checkbox]').focus();
  });
}

/** What a rule inherits for a field when it leaves it out: { from, value }; value undefined when not known here. */
function inheritedFor(key, field) {
  const stored = rules.find(rule => rule.key === 'DEFAULT');
  const value = stored && stored[field] !== null && stored[field] !== undefined ? stored[field] : (field === 'script' ? null : undefined);
  if (key === 'DEFAULT') return { from: t('rules.builtIn'), value: field === 'script' ? null : undefined };
  return { from: key === 'VIP' ? t('rules.fromSegmentOrDefault') : t('rules.fromDefault'), value };
}

function section(rule) {
  const builtIn = rule.key === 'DEFAULT' && !rule.updatedAt;
  const form = onSubmit(ruleForm(rule, field => inheritedFor(rule.key, field)), async (values, node) => {
    const saved = await put(`/api/rules/${encodeURIComponent(rule.key)}`, body(node));
    drafts.delete(rule.key);
    await load();
    const fresh = list.querySelector(`.rule[data-rule-key="${CSS.escape(saved.key)}"] form`);
    if (fresh) showOk(fresh, t('rules.saved', { rule: tierName(saved.key) }));
  });
  const stored = !rule.draft && !rule.absent && !builtIn;
  let about = t('rules.changed', { at: dateTime(rule.updatedAt), who: rule.updatedBy || '–' });
  if (rule.draft) about = t('rules.notSaved');
  else if (rule.absent) about = t('rules.vipNotStored');
  else if (builtIn) about = t('rules.builtInNotStored');
  form.append(el('div', { class: 'rule-actions' },
    el('button', { type: 'submit', class: 'save', text: t('rules.save') }),
    rule.draft ? el('button', { type: 'button', class: 'secondary cancel', text: t('rules.cancel'),
      onclick: () => { drafts.delete(rule.key); draw(); } }) : null,
    stored ? el('button', { type: 'button', class: 'secondary remove',
      text: rule.key === 'DEFAULT' ? t('rules.backToBuiltIn') : t('rules.remove'), onclick: () => remove(rule) }) : null));
  return el('section', { class: 'box rule', dataset: { ruleKey: rule.key, stored } },
    el('h2', { text: tierName(rule.key) }),
    el('p', { class: 'muted' }, about, ' ', inherits(rule.key)),
    form);
}

async function remove(rule) {
  if (!confirm(t('rules.confirmRemove', { rule: tierName(rule.key) }))) return;
  try {
    await del(`/api/rules/${encodeURIComponent(rule.key)}`);
    status(t('rules.removed', { rule: tierName(rule.key) }));
  } catch (error) {
    status(error.message, true);
  }
  await load();
}

function draw() {
  const unsaved = [...drafts.values()].filter(draft => !rules.some(rule => same(rule.key, draft.key)));
  const segments = [...unsaved, ...rules.filter(rule => rule.key.startsWith(SEGMENT))];
  // VIP has a section even when none is stored, where its first rule is written.
  const vip = rules.find(rule => rule.key === 'VIP') || { key: 'VIP', absent: true };
  fill(list, [rules.find(rule => rule.key === 'DEFAULT'), vip].map(section),
    el('h2', { text: t('rules.segments') }),
    segments.length ? segments.map(section) : el('p', { class: 'muted', text: t('rules.noSegments') }));
  list.dataset.loaded = 'true';
}

async function load() {
  const [stored, report] = await Promise.all([get('/api/rules'), get('/api/reports/segments')]);
  rules = stored;
  fill(industries, report.segments.map(segment => segment.industry)
    .filter(industry => !rules.some(rule => same(rule.key, SEGMENT + industry)))
    .map(industry => el('option', { value: industry })));
  draw();
}

await load();
