// The supervisors' board: /topic/dashboard gives the whole board first (a snapshot), then changes, each with the next
// version; a change not newer than what is shown is dropped, and one that skips a version subscribes again for a
// fresh snapshot. Timers tick here in the browser from each call's "since", corrected by the server's clock ("at").
// The snapshot and changes are described in docs/stomp.md.
import { startPage } from './layout.js';
import { el, fill, $, table, date } from './dom.js';
import { t, lang } from './i18n.js';
import { connectLive } from './live.js';

await startPage();

const board = { version: null, day: null, calls: new Map(), employees: new Map(), figures: null };
// For the browser tests and the curious: the board as this page holds it.
window.__board = board;
// server time minus browser time, from the last message's "at"
let skew = 0;

const hours = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, '0'));
const chart = new Chart($('#chart-hours'), {
  type: 'bar',
  data: { labels: hours, datasets: [
    { label: t('board.received'), data: new Array(24).fill(0), backgroundColor: '#9ab8ef' },
    { label: t('board.answered'), data: new Array(24).fill(0), backgroundColor: '#1a7f37' }] },
  options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
});

let subscription = null;

// A new subscription starts a new sequence with its snapshot: on every (re)connection, and when a change was lost.
function subscribe(client) {
  board.version = null;
  subscription = client.subscribe('/topic/dashboard', message => {
    const payload = JSON.parse(message.body);
    if (payload.type === 'change' && board.version !== null && payload.version > board.version + 1) {
      subscription.unsubscribe();
      subscribe(client);
      return;
    }
    receive(payload);
  });
}

connectLive(subscribe);

function receive(message) {
  if (message.at) skew = new Date(message.at).getTime() - Date.now();
  if (message.type === 'snapshot') {
    board.version = message.version;
    board.day = message.day;
    board.calls = new Map((message.calls || []).map(call => [call.callId, call]));
    board.employees = new Map((message.employees || []).map(employee => [employee.login, employee]));
    board.figures = message.figures;
  } else if (message.type === 'change') {
    if (board.version === null || message.version <= board.version) return;
    board.version = message.version;
    (message.calls || []).forEach(call => board.calls.set(call.callId, call));
    (message.endedCalls || []).forEach(callId => board.calls.delete(callId));
    (message.employees || []).forEach(employee => board.employees.set(employee.login, employee));
    if (message.figures) board.figures = message.figures;
  } else {
    return;
  }
  document.body.dataset.boardVersion = board.version;
  render();
}

const seconds = since => Math.max(0, Math.floor((Date.now() + skew - new Date(since).getTime()) / 1000));

function duration(total) {
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const timer = since => el('span', { class: 'timer', dataset: { since }, text: duration(seconds(since)) });

function render() {
  $('#board-day').textContent = board.day ? date(board.day) : '';
  renderFigures();
  renderCalls();
  renderTeam();
}

function renderCalls() {
  const calls = [...board.calls.values()].sort((a, b) => new Date(a.startedAt) - new Date(b.startedAt));
  $('#no-calls').hidden = calls.length > 0;
  const byLogin = login => board.employees.get(login)?.name || login;
  fill($('#calls'), calls.length ? table(['board.state', 'board.time', 'board.caller', 'board.client', 'board.goesTo', 'board.reason'], calls,
    call => el('tr', { dataset: { callId: call.callId, state: call.state } },
      el('td', {}, el('span', { class: `badge state-${call.state}`, text: t(`board.state.${call.state}`) })),
      el('td', {}, timer(call.since)),
      el('td', { class: 'caller', text: call.callerNumber || '–' }),
      el('td', {}, call.client
        ? [el('a', { class: 'client-name', href: `/clients/${call.client.id}`, text: call.client.name }),
          el('div', { class: 'muted', text: t('board.owner', { owner: byLogin(call.client.ownerLogin) }) })]
        : el('span', { class: 'muted', text: t('board.unknownCaller') })),
      el('td', { class: 'routed-to' },
        call.state === 'TALKING' && call.answeredBy
          ? t('board.talkingWith', { who: byLogin(call.answeredBy) })
          : (call.routedTo ? (call.routedTo.name || call.routedTo.target) : '–')),
      el('td', { class: 'reason', dataset: { reason: call.reason || '' },
        text: call.reason ? t(`board.reason.${call.reason}`) : (call.direction ? t(`board.direction.${call.direction}`) : '–') })))
    : null);
}

function renderTeam() {
  const employees = [...board.employees.values()];
  fill($('#team'), table(['board.employee', 'board.presence', 'board.phone', 'board.call'], employees,
    employee => {
      const call = employee.callId ? board.calls.get(employee.callId) : null;
      return el('tr', { dataset: { login: employee.login, availability: employee.availability } },
        el('td', {}, el('b', { text: employee.name }), el('div', { class: 'muted', text: t(`role.${employee.role}`) })),
        el('td', {}, el('span', { class: `badge presence-${employee.availability}`, text: t(`presence.${employee.availability}`) })),
        el('td', {}, employee.extension || '–', el('div', { class: 'muted', text: t(`board.device.${employee.deviceState}`) })),
        el('td', { class: 'current-call' }, employee.callState
          ? [el('span', { class: `badge state-${employee.callState}`, text: t(`board.state.${employee.callState}`) }), ' ',
            call ? [call.client ? call.client.name : (call.callerNumber || ''), ' ', timer(call.since)] : null]
          : el('span', { class: 'muted', text: '–' })));
    }));
}

const percent = value => (value === null || value === undefined ? '–'
  : new Intl.NumberFormat(lang() === 'ru' ? 'ru-RU' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(value));

function renderFigures() {
  const f = board.figures;
  if (!f) return;
  const figure = (name, value, hint) => el('div', { id: `figure-${name}`, dataset: { figure: name } },
    el('span', { text: t(`board.${name}`) }), el('b', { text: value }), hint ? el('small', { class: 'muted', text: hint }) : null);
  fill($('#figures'),
    figure('received', f.received), figure('answered', f.answered), figure('missed', f.missed),
    figure('abandoned', f.abandoned),
    figure('averageSpeedOfAnswer', f.averageSpeedOfAnswerSeconds === null || f.averageSpeedOfAnswerSeconds === undefined
      ? '–' : t('board.seconds', { value: f.averageSpeedOfAnswerSeconds })),
    figure('serviceLevel', percent(f.serviceLevel), t('board.within', { value: f.serviceLevelThresholdSeconds })),
    figure('ownerAnswerRate', percent(f.ownerAnswerRate)), figure('takeovers', f.takeovers),
    byTier(figure('callbacksOverdue', f.callbacksOverdue), f.callbacksOverdueByTier));
  chart.data.datasets[0].data = f.callsPerHour || new Array(24).fill(0);
  chart.data.datasets[1].data = f.answeredPerHour || new Array(24).fill(0);
  chart.update('none');
}

/** The overdue callbacks per tier of the rules of work (VIP, the default, each segment), under their figure. */
function byTier(node, counts) {
  const tiers = Object.entries(counts || {}).sort(([a], [b]) => tierRank(a) - tierRank(b) || a.localeCompare(b));
  if (tiers.length) {
    node.append(el('small', { class: 'by-tier' }, tiers.map(([tier, count], i) => [i ? ' · ' : '',
      el('span', { class: 'tier', dataset: { tier } }, `${tierName(tier)}: `, el('span', { class: 'count', text: count }))])));
  }
  return node;
}

const tierRank = tier => (tier === 'VIP' ? 0 : tier === 'DEFAULT' ? 2 : 1);

function tierName(tier) {
  if (tier === 'VIP') return t('board.tierVip');
  if (tier === 'DEFAULT') return t('board.tierDefault');
  return tier.startsWith('SEGMENT:') ? tier.slice('SEGMENT:'.length) : tier;
}

// the timers tick without waiting for the server
setInterval(() => {
  document.querySelectorAll('.timer[data-since]').forEach(node => { node.textContent = duration(seconds(node.dataset.since)); });
}, 1000);
