// The warehouse's new orders, oldest first, with shipping. The warehouse, the head of sales and the admin follow
// /topic/warehouse (docs/stomp.md): each order placed, shipped or cancelled arrives there at once, and the feed
// (GET /api/warehouse/orders) is read once the subscription stands, on every (re)connection. Others, who may not
// subscribe, read the feed again every 5 seconds. Back-ordered lines show the units awaited and the batch's date;
// such an order ships once a receipt (booked here by the warehouse, the head of sales and the admin) has filled it.
import { startPage } from './layout.js';
import { el, fill, $, table, dateTime, date, money } from './dom.js';
import { t } from './i18n.js';
import { get, post } from './api.js';
import { status } from './card.js';
import { connectLive } from './live.js';

const WAREHOUSE_ROLES = ['WAREHOUSE', 'HEAD_OF_SALES', 'ADMIN'];
const SHIP_ROLES = ['WAREHOUSE', 'ADMIN'];
const RECEIVE_ROLES = ['WAREHOUSE', 'HEAD_OF_SALES', 'ADMIN'];

const me = await startPage();
const followsLive = WAREHOUSE_ROLES.includes(me.role);
const feed = el('div', { id: 'warehouse-feed' });
fill($('#page'), el('h1', { text: t('warehouse.title') }),
  el('p', { class: 'muted', text: t(followsLive ? 'warehouse.explainLive' : 'warehouse.explain') }),
  RECEIVE_ROLES.includes(me.role) ? receiptForm() : null,
  el('section', { class: 'box' }, feed));

/** A batch arrived: it fills the back orders, oldest first, and the rest goes on hand. */
function receiptForm() {
  const form = el('form', { id: 'receipt-form', class: 'box inline' },
    el('h2', { text: t('receipt.title') }),
    el('label', {}, t('product.sku'), el('input', { name: 'sku', required: true, maxlength: 64 })),
    el('label', {}, t('receipt.quantity'), el('input', { name: 'quantity', type: 'number', min: 1, required: true, class: 'short' })),
    el('button', { type: 'submit', text: t('receipt.book') }));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const sku = form.elements.sku.value.trim();
    try {
      const receipt = await post(`/api/products/${encodeURIComponent(sku)}/receipts`, { quantity: Number(form.elements.quantity.value) });
      status(t('receipt.booked', { quantity: receipt.quantity, sku: receipt.sku, orders: receipt.filled.length, toStock: receipt.toStock }));
      form.reset();
    } catch (error) { status(error.message, true); }
  });
  return form;
}

function lineText(line) {
  const text = `${line.sku} ${line.name} × ${line.quantity}`;
  if (!line.backordered) return text;
  return `${text} (${t(line.expectedOn ? 'warehouse.backorderedOn' : 'warehouse.backordered', { units: line.backordered, date: date(line.expectedOn) })})`;
}

/** The NEW orders shown, by id. */
let orders = new Map();
/** Orders seen shipped or cancelled: a NEW that arrives late (from another instance) must not bring them back. */
const closed = new Set();
/** While the feed is being read: what the topic said meanwhile, which the reading may not have seen yet. */
let heardWhileReading = null;

function draw() {
  const shown = [...orders.values()].sort((a, b) => a.id - b.id);
  fill(feed, shown.length ? table(['order.number', 'order.placedAt', 'order.client', 'order.placedBy', 'order.total', 'order.lines', ''], shown,
    order => el('tr', { dataset: { orderId: order.id } },
      el('td', { text: `#${order.id}` }), el('td', { text: dateTime(order.placedAt) }),
      el('td', {}, el('a', { href: `/clients/${order.clientId}`, text: order.clientName })),
      el('td', { text: order.placedBy }), el('td', { class: 'num', text: money(order.total) }),
      el('td', { class: waits(order) ? 'backordered' : null, text: order.lines.map(lineText).join(', ') }),
      el('td', {}, SHIP_ROLES.includes(me.role) ? el('button', { type: 'button', class: 'ship', text: t('warehouse.ship'), disabled: waits(order), title: waits(order) ? t('warehouse.waits') : null, onclick: async () => {
        try { receive(await post(`/api/warehouse/orders/${order.id}/ship`)); } catch (error) { status(error.message, true); }
      } }) : null)), [4]) : el('p', { class: 'muted', text: t('warehouse.empty') }));
}

const waits = order => order.lines.some(line => line.backordered > 0);

function receive(order) {
  if (heardWhileReading) heardWhileReading.set(order.id, order);
  if (order.status === 'NEW' && !closed.has(order.id)) {
    orders.set(order.id, order);
  } else if (order.status !== 'NEW') {
    if (closed.size > 1000) closed.clear();
    closed.add(order.id);
    orders.delete(order.id);
  }
  draw();
}

async function load() {
  heardWhileReading = new Map();
  const listed = await get('/api/warehouse/orders?after=0&limit=200');
  const next = new Map(listed.filter(order => !closed.has(order.id)).map(order => [order.id, order]));
  heardWhileReading.forEach((order, id) => (order.status === 'NEW' ? next.set(id, order) : next.delete(id)));
  heardWhileReading = null;
  orders = next;
  draw();
  feed.dataset.loaded = 'true';
}

if (followsLive) {
  let receipts = 0;
  connectLive(client => {
    const receipt = `warehouse-${++receipts}`;
    client.watchForReceipt(receipt, () => load().catch(error => status(error.message, true)));
    client.subscribe('/topic/warehouse', message => receive(JSON.parse(message.body)), { receipt });
  });
} else {
  await load();
  setInterval(load, 5000);
}
