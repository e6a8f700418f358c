// The manager console: live screen pops from /user/queue/pops, then my clients, my callbacks, my presence. A pop shows
// its tier's script beside the card, in the page's language, and the calls still on (ringing or answered) come first,
// those of a HIGH priority tier (VIP, say) before the others, each group newest first; ended ones follow.
import { startPage, isLead } from './layout.js';
import { el, fill, $, dateTime, table } from './dom.js';
import { t, lang } from './i18n.js';
import { get, post, put } from './api.js';
import { onSubmit, field, showOk } from './forms.js';
import { clientCard, callButton, status } from './card.js';
import { connectLive } from './live.js';

const CLOSED = ['ENDED', 'MISSED', 'WITHDRAWN'];
const me = await startPage();
const pops = $('#pops');
// callId -> the highest version shown: the pops re-sent on subscribe and live updates may cross.
const versions = new Map();

connectLive(client => {
  client.subscribe('/user/queue/pops', message => {
    const pop = JSON.parse(message.body);
    if (pop.version && (versions.get(pop.callId) ?? 0) >= pop.version) return;
    versions.set(pop.callId, pop.version ?? 0);
    showPop(pop);
  });
  client.subscribe('/user/queue/notifications', message => showNotification(JSON.parse(message.body)));
  loadPresence();
});

/**
 * The owner is told when someone else takes their client's call, and how it ended; the owner (and, for a desk
 * phone, the head of sales) when another manager calls their client.
 */
function showNotification(note) {
  const client = note.client ? note.client.name : '';
  const by = note.answeredBy ? note.answeredBy.name : (note.takenBy ? note.takenBy.name : '');
  let text = note.text || '';
  if (note.type === 'CALL_TAKEN') text = t('notify.taken', { client, by });
  else if (note.type === 'CALL_OUTCOME') text = note.outcome === 'MISSED' ? t('notify.missed', { client }) : t('notify.answered', { client, by });
  else if (note.type === 'CALLED_BY_OTHER') text = calledByOther(note, client);
  const list = $('#notifications');
  list.prepend(el('li', { dataset: { callId: note.callId || '', type: note.type || '' } },
    el('span', { class: 'muted', text: dateTime(note.at) }), ' ',
    note.client ? el('a', { href: `/clients/${note.client.id}`, text }) : text));
  $('#notifications-box').hidden = false;
  status(text);
}

function calledByOther(note, client) {
  const by = note.calledBy.name;
  if (note.owner.login !== me.login) return t('notify.calledByOtherTeam', { client, by, owner: note.owner.name });
  return note.way === 'DESK_PHONE' ? t('notify.calledByOtherDesk', { client, by }) : t('notify.calledByOther', { client, by });
}

function showPop(pop) {
  let node = pops.querySelector(`.pop[data-call-id="${CSS.escape(pop.callId)}"]`);
  if (!node) {
    node = newPop(pop);
    pops.prepend(node);
  }
  node.dataset.state = pop.state;
  const badge = node.querySelector('.state');
  badge.className = `badge state state-${pop.state}`;
  badge.textContent = t(`state.${pop.state}`);
  if (CLOSED.includes(pop.state)) {
    node.classList.add('closed');
    node.querySelector('.dismiss').hidden = false;
    loadCallbacks();
    if (isLead(me)) { loadTakeovers(); loadTeamOverdue(); }
  }
  order();
  $('#no-pops').hidden = pops.querySelector('.pop') !== null;
}

/** Before: still on, then HIGH, then rang later. */
function before(a, b) {
  const closed = node => node.classList.contains('closed');
  if (closed(a) !== closed(b)) return closed(b);
  const high = node => !closed(node) && node.dataset.priority === 'HIGH';
  if (high(a) !== high(b)) return high(a);
  return new Date(a.dataset.ringingAt) > new Date(b.dataset.ringingAt);
}

/** Puts the pops in order, moving only those out of place (a moved node loses the focus of what is typed in it). */
function order() {
  const sorted = [...pops.querySelectorAll(':scope > .pop')].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  sorted.forEach((node, i) => { if (pops.children[i] !== node) pops.insertBefore(node, pops.children[i]); });
}

/** The tier's script in the page's language (English when it lacks that one). */
function scriptPanel(script) {
  const language = script.text[lang()] ? lang() : 'en';
  return el('aside', { class: 'pop-script', 'aria-label': t('pop.script') },
    el('div', { class: 'muted', text: t('pop.script') }),
    el('h3', { class: 'script-title', text: script.title }),
    el('div', { class: 'script-text', lang: language, text: script.text[language] || '' }));
}

/** Seconds of an ISO 8601 duration as the API writes it (PT15S, PT1M30S). */
function seconds(iso) {
  const parts = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso || '');
  return parts ? (Number(parts[1] || 0) * 3600 + Number(parts[2] || 0) * 60 + Number(parts[3] || 0)) : 0;
}

/** Why the call came to this person: the steps of the routing chain passed before them. */
function passedLine(passed) {
  if (!passed || !passed.length) {
    return null;
  }
  const steps = passed.map(step => t(`pop.passed.${step.why}`, { who: t(`pop.step.${step.step}`),
    seconds: String(seconds(step.ringTime)) }));
  return el('div', { class: 'pop-passed muted' }, el('b', { text: t('pop.passed') }), ': ', steps.join('; '));
}

function newPop(pop) {
  const body = el('div', { class: 'pop-body' });
  const high = pop.priority === 'HIGH';
  const node = el('article', { class: 'pop', dataset: { callId: pop.callId, state: pop.state, priority: pop.priority || 'NORMAL',
    ringingAt: pop.ringingAt } },
    el('div', { class: 'pop-head' },
      high ? el('span', { class: 'badge priority-high', title: t('pop.highExplain'), text: t('pop.high') }) : null,
      el('span', { class: 'badge state' }),
      el('span', { class: 'reason', dataset: { reason: pop.reason }, text: t(`reason.${pop.reason}`) }),
      el('span', { class: 'muted' }, t('pop.from'), ' '), callButton(pop.callerNumber),
      el('span', { class: 'muted', text: dateTime(pop.ringingAt) }),
      el('span', { class: 'spacer' }),
      el('button', { type: 'button', class: 'secondary dismiss', hidden: true, text: t('pop.dismiss'),
        onclick: () => { node.remove(); $('#no-pops').hidden = pops.querySelector('.pop') !== null; } })),
    passedLine(pop.passed),
    pop.script ? el('div', { class: 'pop-main' }, body, scriptPanel(pop.script)) : body);
  if ((pop.callbacks || []).length) {
    body.append(el('div', { class: 'pop-callbacks' }, el('b', { text: t('pop.callbacks') }), ' ',
      pop.callbacks.map(callback => el('span', { class: callback.overdue ? 'badge overdue' : 'badge' },
        t('pop.callbackDue', { at: dateTime(callback.dueAt), who: callback.assignedTo || '' }), ' '))));
  }
  if (pop.client) {
    body.append(clientCard(pop.client, { callId: pop.callId, canWrite: me.role !== 'SUPERVISOR' }).node);
  } else {
    body.append(unknownCaller(pop, body));
  }
  return node;
}

/** An unknown caller: the form that makes them a client (owned by me), then their card. */
function unknownCaller(pop, body) {
  const form = onSubmit(el('form', { class: 'inline new-client' },
    field('client.name', el('input', { name: 'name', required: true })),
    field('client.industry', el('input', { name: 'industry', required: true })),
    field('client.taxId', el('input', { name: 'taxId', size: 12 })),
    field('client.phone', el('input', { name: 'phoneNumbers', value: pop.callerNumber })),
    field('client.vip', el('input', { name: 'vip', type: 'checkbox' })),
    el('button', { type: 'submit', text: t('client.create') })), async values => {
    const client = await post('/api/clients', {
      name: values.name, industry: values.industry, taxId: values.taxId, vip: values.vip,
      phoneNumbers: values.phoneNumbers ? [values.phoneNumbers] : [],
    });
    const card = await get(`/api/clients/${client.id}/card`);
    fill(body, clientCard(card, { callId: pop.callId }).node);
    loadClients();
  });
  return el('div', {}, el('p', { class: 'muted', text: t('pop.unknown') }), form);
}

async function loadClients() {
  const page = await get(`/api/clients?owner=${encodeURIComponent(me.login)}&size=100`);
  fill($('#my-clients'), page.items.length ? table(['client.name', 'client.industry', 'client.vip', 'client.phone'], page.items,
    client => el('tr', {},
      el('td', {}, el('a', { href: `/clients/${client.id}`, text: client.name })),
      el('td', { text: client.industry }), el('td', { text: client.vip ? t('card.vip') : '' }),
      el('td', {}, (client.phoneNumbers || []).map(number => [callButton(number), ' '])))) : el('p', { class: 'muted', text: t('console.noClients') }));
}

async function loadCallbacks() {
  const callbacks = await get('/api/callbacks');
  fill($('#my-callbacks'), callbacks.length ? table(['callback.client', 'callback.number', 'callback.missedAt', 'callback.due', ''], callbacks,
    callback => el('tr', { dataset: { callbackId: callback.id } },
      el('td', {}, el('a', { href: `/clients/${callback.clientId}`, text: callback.clientName })),
      el('td', {}, callButton(callback.callerNumber)),
      el('td', { text: dateTime(callback.createdAt) }),
      el('td', {}, dateTime(callback.dueAt), ' ', callback.overdue ? el('span', { class: 'badge overdue', text: t('callback.overdue') }) : null),
      el('td', {}, callback.doneAt ? t('callback.doneAt', { at: dateTime(callback.doneAt) }) : el('button', {
        type: 'button', class: 'secondary', text: t('callback.done'),
        onclick: async () => { await post(`/api/callbacks/${callback.id}/done`); loadCallbacks(); },
      })))) : el('p', { class: 'muted', text: t('console.noCallbacks') }));
}

async function loadPresence() {
  const presence = await get('/api/presence/me');
  $('#presence').value = presence.status === 'AWAY' ? 'AWAY' : 'AVAILABLE';
  $('#presence-now').textContent = t(`presence.${presence.status}`);
}

$('#presence').addEventListener('change', async event => {
  try {
    const presence = await put('/api/presence/me', { status: event.target.value });
    $('#presence-now').textContent = t(`presence.${presence.status}`);
  } catch (error) {
    status(error.message, true);
  }
});

// The head of sales' view (and the admin's): today's takeovers, every manager's overdue callbacks, reassignment.

async function loadTakeovers() {
  const takeovers = await get('/api/dashboard/takeovers');
  fill($('#takeovers'), takeovers.length ? table(['lead.time', 'callback.client', 'client.owner', 'lead.reason', 'lead.answeredBy', 'lead.wait', 'lead.talk'], takeovers,
    taken => el('tr', { dataset: { callId: taken.callId } },
      el('td', { text: dateTime(taken.startedAt) }),
      el('td', {}, el('a', { href: `/clients/${taken.client.id}`, text: taken.client.name }), ' ', callButton(taken.callerNumber)),
      el('td', { text: taken.ownerName }),
      el('td', { class: 'reason', dataset: { reason: taken.reason || '' }, text: taken.reason ? t(`board.reason.${taken.reason}`) : '–' }),
      el('td', { text: taken.answeredByName }),
      el('td', { class: 'num', text: t('board.seconds', { value: Math.round(taken.waitSeconds) }) }),
      el('td', { class: 'num', text: t('board.seconds', { value: Math.round(taken.talkSeconds) }) })), [5, 6])
    : el('p', { class: 'muted', text: t('lead.noTakeovers') }));
}

async function loadTeamOverdue() {
  const overdue = (await get('/api/callbacks?scope=all')).filter(callback => callback.overdue);
  fill($('#team-overdue'), overdue.length ? table(['callback.client', 'callback.number', 'client.owner', 'lead.assignedTo', 'callback.missedAt', 'callback.due', ''], overdue,
    callback => el('tr', { dataset: { callbackId: callback.id } },
      el('td', {}, el('a', { href: `/clients/${callback.clientId}`, text: callback.clientName })),
      el('td', {}, callButton(callback.callerNumber)),
      el('td', { text: callback.ownerLogin }), el('td', { text: callback.assignedTo }),
      el('td', { text: dateTime(callback.createdAt) }),
      el('td', {}, dateTime(callback.dueAt), ' ', el('span', { class: 'badge overdue', text: t('callback.overdue') })),
      el('td', {}, el('button', { type: 'button', class: 'secondary', text: t('callback.done'),
        onclick: async () => {
          try { await post(`/api/callbacks/${callback.id}/done`); } catch (error) { status(error.message, true); }
          loadTeamOverdue(); loadCallbacks();
        } }))))
    : el('p', { class: 'muted', text: t('lead.noOverdue') }));
}

/** One client, or all clients of a (leaving) manager, to another owner: POST /api/clients/reassign. */
async function reassignForm() {
  const team = (await get('/api/employees')).filter(employee => employee.active && ['MANAGER', 'HEAD_OF_SALES'].includes(employee.role));
  const people = selected => team.map(employee => el('option', { value: employee.login, selected: employee.login === selected,
    text: `${employee.fullName} (${employee.login})` }));
  const from = el('select', { name: 'fromLogin', required: true }, el('option', { value: '', text: t('lead.choose') }), people());
  const client = el('select', { name: 'clientId', disabled: true }, el('option', { value: '', text: t('lead.allClients') }));
  const to = el('select', { name: 'toLogin', required: true }, el('option', { value: '', text: t('lead.choose') }), people());
  from.addEventListener('change', async () => {
    fill(client, el('option', { value: '', text: t('lead.allClients') }));
    client.disabled = !from.value;
    if (!from.value) return;
    const page = await get(`/api/clients?owner=${encodeURIComponent(from.value)}&size=100`);
    client.firstChild.textContent = t('lead.allClientsCount', { count: page.total ?? page.items.length });
    page.items.forEach(item => client.append(el('option', { value: item.id, text: item.name })));
  });
  const form = onSubmit(el('form', { class: 'inline reassign-form' },
    field('lead.from', from), field('lead.client', client), field('lead.to', to),
    field('lead.why', el('input', { name: 'reason', size: 30 })),
    el('button', { type: 'submit', text: t('lead.reassignDo') })), async (values, node) => {
    const body = values.clientId
      ? { clientId: Number(values.clientId), toLogin: values.toLogin, reason: values.reason }
      : { fromLogin: values.fromLogin, toLogin: values.toLogin, reason: values.reason };
    const done = await post('/api/clients/reassign', body);
    from.dispatchEvent(new Event('change'));
    showOk(node, t('lead.reassigned', { count: done.moved, to: done.toLogin }));
    loadClients();
  });
  fill($('#reassign'), form);
}

if (isLead(me)) {
  $('#lead').hidden = false;
  loadTakeovers();
  loadTeamOverdue();
  reassignForm();
  setInterval(() => { loadTakeovers(); loadTeamOverdue(); }, 30000);
}

loadClients();
loadCallbacks();
setInterval(loadCallbacks, 30000);
