// The warehouse's feed of new orders (GET /api/warehouse/orders), read again every few seconds, with shipping.
import { startPage, canChangeClients } from './layout.js';
import { el, fill, $, table, dateTime, money } from './dom.js';
import { t } from './i18n.js';
import { get, post } from './api.js';
import { status } from './card.js';

const me = await startPage();
const feed = el('div', { id: 'warehouse-feed' });
fill($('#page'), el('h1', { text: t('warehouse.title') }), el('p', { class: 'muted', text: t('warehouse.explain') }),
  el('section', { class: 'box' }, feed));

async function load() {
  const orders = await get('/api/warehouse/orders?after=0&limit=200');
  fill(feed, orders.length ? table(['order.number', 'order.placedAt', 'order.client', 'order.placedBy', 'order.total', 'order.lines', ''], orders,
    order => el('tr', { dataset: { orderId: order.id } },
      el('td', { text: `#${order.id}` }), el('td', { text: dateTime(order.placedAt) }),
      el('td', {}, el('a', { href: `/clients/${order.clientId}`, text: order.clientName })),
      el('td', { text: order.placedBy }), el('td', { class: 'num', text: money(order.total) }),
      el('td', { text: order.lines.map(line => `${line.sku} ${line.name} × ${line.quantity}`).join(', ') }),
      el('td', {}, canChangeClients(me) ? el('button', { type: 'button', text: t('warehouse.ship'), onclick: async () => {
        try { await post(`/api/warehouse/orders/${order.id}/ship`); await load(); } catch (error) { status(error.message, true); }
      } }) : null)), [4]) : el('p', { class: 'muted', text: t('warehouse.empty') }));
}

await load();
setInterval(load, 5000);
