// Reports with Chart.js (its UMD bundle from the WebJar): clients and turnover by industry, VIP clients, lifetime value.
import { startPage } from './layout.js';
import { el, fill, $, table, money } from './dom.js';
import { t } from './i18n.js';
import { get } from './api.js';

await startPage();
const [segments, vip, ltv] = await Promise.all([
  get('/api/reports/segments'), get('/api/reports/vip'), get('/api/reports/lifetime-value?limit=15')]);

const canvas = id => el('canvas', { id });
const summaryRow = client => el('tr', {},
  el('td', {}, el('a', { href: `/clients/${client.id}`, text: client.name })), el('td', { text: client.industry }),
  el('td', { text: client.owner ? client.owner.fullName : '–' }),
  el('td', { class: 'num', text: money(client.figures.turnover) }), el('td', { class: 'num', text: money(client.figures.lifetimeValue) }));
const summaryHeader = ['client.name', 'client.industry', 'client.owner', 'card.turnover', 'card.lifetimeValue'];

fill($('#page'), el('h1', { text: t('reports.title') }),
  el('section', { class: 'box' }, el('h2', { text: t('reports.segments') }),
    el('p', { class: 'muted', text: t('reports.totals', { clients: segments.clients, turnover: money(segments.turnover) }) }),
    el('div', { class: 'charts' }, el('div', {}, canvas('chart-clients')), el('div', {}, canvas('chart-turnover'))),
    table(['client.industry', 'reports.clients', 'reports.share', 'card.turnover', 'reports.share'], segments.segments, s => el('tr', {},
      el('td', { text: s.industry }), el('td', { class: 'num', text: s.clients }), el('td', { class: 'num', text: `${s.clientShare} %` }),
      el('td', { class: 'num', text: money(s.turnover) }), el('td', { class: 'num', text: `${s.turnoverShare} %` })), [1, 2, 3, 4])),
  el('section', { class: 'box' }, el('h2', { text: t('reports.lifetimeValue') }), el('div', {}, canvas('chart-ltv')),
    table(summaryHeader, ltv, summaryRow, [3, 4])),
  el('section', { class: 'box' }, el('h2', { text: t('reports.vip', { count: vip.length }) }), table(summaryHeader, vip, summaryRow, [3, 4])));

const industries = segments.segments.map(s => s.industry);
const palette = ['#1f6feb', '#e07b00', '#1a7f37', '#8250df', '#c62828', '#0a7ea4', '#9a6700', '#6e7781'];
new Chart($('#chart-clients'), { type: 'doughnut',
  data: { labels: industries, datasets: [{ data: segments.segments.map(s => s.clients), backgroundColor: palette }] },
  options: { plugins: { title: { display: true, text: t('reports.clientsByIndustry') } } } });
new Chart($('#chart-turnover'), { type: 'bar',
  data: { labels: industries, datasets: [{ label: t('card.turnover'), data: segments.segments.map(s => Number(s.turnover)), backgroundColor: '#1f6feb' }] },
  options: { plugins: { legend: { display: false }, title: { display: true, text: t('reports.turnoverByIndustry') } } } });
new Chart($('#chart-ltv'), { type: 'bar',
  data: { labels: ltv.map(c => c.name), datasets: [{ label: t('card.lifetimeValue'), data: ltv.map(c => Number(c.figures.lifetimeValue)), backgroundColor: '#8250df' }] },
  options: { indexAxis: 'y', plugins: { legend: { display: false } } } });
