// A client's card (GET /api/clients/{id}/card), as the console's pop and the client page show it, with what can be
// done from it: call a number, write a note or a decision, look up any product's stock, place an order.
import { el, fill, money, dateTime, date, table, attributes } from './dom.js';
import { t } from './i18n.js';
import { get, post } from './api.js';
import { onSubmit, field, showOk } from './forms.js';

/** A number that rings the employee's own phone, then dials it (click-to-call). */
export function callButton(number) {
  return el('button', {
    type: 'button', class: 'link call', dataset: { number }, text: number, title: t('card.call'),
    onclick: async event => {
      const button = event.currentTarget;
      try {
        await post('/api/calls/originate', { number });
        status(t('card.calling', { number }));
      } catch (error) {
        const owner = error.status === 409 ? error.problem?.owner : null;
        status(owner ? t('card.othersClient', { number, owner: owner.name })
          : t('card.callFailed', { number, reason: error.message }), true);
      }
      button.blur();
    },
  });
}

/** One line at the bottom of the page saying what just happened. */
export function status(text, bad = false) {
  let line = document.getElementById('status-line');
  if (!line) {
    line = el('div', { id: 'status-line', role: 'status' });
    document.body.append(line);
  }
  line.textContent = text;
  line.classList.toggle('bad', bad);
}

/** summary(card, offer): offer(product) (optional) puts a suggested product into the order form. */
function summary(card, offer) {
  const client = card.client;
  const figures = card.figures || {};
  return el('div', { class: 'card-summary' },
    el('div', { class: 'pop-head' },
      el('a', { class: 'client-name', href: `/clients/${client.id}`, text: client.name }),
      el('span', { class: 'badge industry', text: client.industry }),
      client.vip ? el('span', { class: 'badge vip', text: t('card.vip') }) : null,
      el('span', { class: 'muted owner' }, t('card.owner'), ': ', client.owner ? client.owner.fullName : '–')),
    el('div', { class: 'numbers' }, (client.phoneNumbers || []).map(number => [callButton(number), ' '])),
    el('div', { class: 'figures' },
      figure('card.turnover', money(figures.turnover)), figure('card.averageOrder', money(figures.averageOrder)),
      figure('card.ordersPerYear', figures.ordersPerYear ?? '–'), figure('card.lifetimeValue', money(figures.lifetimeValue))),
    el('div', { class: 'grid' },
      el('div', {}, el('h3', { text: t('card.contacts') }),
        el('ul', { class: 'plain contacts' }, (card.contacts || []).map(contact => el('li', {},
          el('b', { text: contact.fullName }), contact.position ? ` · ${contact.position}` : '',
          contact.email ? el('div', { class: 'muted', text: contact.email }) : null,
          el('div', {}, (contact.phoneNumbers || []).map(number => [callButton(number), ' '])))))),
      el('div', {}, el('h3', { text: t('card.history') }), history(card.recentInteractions || [])),
      el('div', {}, el('h3', { text: t('card.openOrders') }),
        el('ul', { class: 'plain open-orders' }, (card.openOrders || []).map(order => el('li', {},
          `#${order.id} · ${dateTime(order.placedAt)} · ${money(order.total)}`,
          el('div', { class: 'muted', text: order.lines.map(line => `${line.name} × ${line.quantity}`
            + (line.backordered ? ` (${t('warehouse.backorderedOn', { units: line.backordered, date: date(line.expectedOn) })})` : '')).join(', ') })))),
        (card.openOrders || []).length ? null : el('div', { class: 'muted', text: '–' }))),
    el('h3', { text: t('card.usualProducts') }),
    stockTable(card.topProducts || [], 'top-products'),
    el('h3', { text: t('card.alsoBuy') }),
    alsoBuyTable(card.alsoBuy || [], offer));
}

/** What clients of the same industry buy and this client never did, each with "order" when it can order. */
function alsoBuyTable(products, offer) {
  if (!products.length) return el('div', { class: 'also-buy muted', text: '–' });
  return el('div', { class: 'also-buy' }, table(
    ['product.sku', 'product.name', 'product.price', 'product.onHand', 'product.incoming', 'card.buyers', ''],
    products,
    product => el('tr', { dataset: { sku: product.sku } },
      el('td', { text: product.sku }), el('td', { text: product.name }),
      el('td', { class: 'num', text: money(product.price) }),
      el('td', { class: 'num on-hand', text: product.onHand }),
      el('td', { class: 'num', text: product.incoming ? `${product.incoming} (${date(product.incomingDate)})` : '–' }),
      el('td', { class: 'num buyers', text: product.buyers }),
      el('td', {}, offer ? el('button', { type: 'button', class: 'secondary offer', text: t('card.pick'), onclick: () => offer(product) }) : null)),
    [2, 3, 4, 5]));
}

function figure(key, value) {
  return el('div', {}, el('span', { text: t(key) }), el('b', { text: value }));
}

/**
 * History entries, newest first. recordings (optional): the client's recorded calls I may hear
 * ([{callId, recording}] from /api/clients/{id}/recordings); the entries of those calls get a player.
 */
export function history(items, recordings = []) {
  const audio = new Map(recordings.map(call => [call.callId, call.recording]));
  return el('ul', { class: 'plain history' }, items.map(item => el('li', { dataset: item.callId ? { kind: item.kind, callId: item.callId } : { kind: item.kind } },
    el('span', { class: 'muted', text: `${dateTime(item.occurredAt)} · ${t(`kind.${item.kind}`)} · ${item.employeeName || ''}` }),
    el('div', { class: 'history-text', text: item.text || '' }),
    audio.has(item.callId) ? el('div', { class: 'recording' }, el('span', { class: 'muted', text: t('history.recording') }),
      el('audio', { controls: true, preload: 'none', src: audio.get(item.callId), 'aria-label': t('history.recording') })) : null)));
}

export function stockTable(products, cls, onPick) {
  return el('div', { class: cls }, table(
    ['product.sku', 'product.name', 'product.attributes', 'product.price', 'product.onHand', 'product.incoming', ''],
    products,
    product => el('tr', { dataset: { sku: product.sku } },
      el('td', { text: product.sku }), el('td', { text: product.name }), el('td', { text: attributes(product.attributes) }),
      el('td', { class: 'num', text: money(product.price) }),
      el('td', { class: 'num on-hand', text: product.onHand }),
      el('td', { class: 'num', text: product.incoming ? `${product.incoming} (${date(product.incomingDate)})` : '–' }),
      el('td', {}, onPick ? el('button', { type: 'button', class: 'secondary', text: t('card.pick'), onclick: () => onPick(product) }) : null)),
    [3, 4, 5]));
}

/**
 * The card with its actions. callId (optional) ties notes and orders to the call they were made in.
 * Returns { node, refresh }.
 */
export function clientCard(card, { callId, canWrite = true } = {}) {
  const clientId = card.client.id;
  // pick (below) fills the order form, which exists by the time anyone clicks.
  const offer = canWrite ? pick : null;
  const summaryHolder = el('div', {}, summary(card, offer));
  const refresh = async () => {
    const fresh = await get(`/api/clients/${clientId}/card`);
    fill(summaryHolder, summary(fresh, offer));
  };

  const noteForm = onSubmit(el('form', { class: 'inline note-form' },
    field('note.kind', el('select', { name: 'kind' },
      el('option', { value: 'NOTE', text: t('kind.NOTE') }), el('option', { value: 'DECISION', text: t('kind.DECISION') }))),
    field('note.text', el('textarea', { name: 'text', rows: 2, cols: 50 })),
    el('button', { type: 'submit', text: t('note.save') })), async (values, form) => {
    await post(`/api/clients/${clientId}/interactions`, { kind: values.kind, text: values.text || '', callId });
    form.elements.text.value = '';
    showOk(form, t('note.saved'));
    await refresh();
  });

  const results = el('div', { class: 'product-results' });
  // A back order takes what is on hand and reserves the rest of the incoming batch (docs/api.md#back-orders).
  const arriving = el('span', { class: 'muted arriving' });
  const orderForm = onSubmit(el('form', { class: 'inline order-form' },
    field('order.sku', el('input', { name: 'sku', size: 14 })),
    field('order.quantity', el('input', { name: 'quantity', type: 'number', min: 1, value: 1, class: 'short' })),
    el('label', { class: 'backorder' }, el('input', { name: 'backorder', type: 'checkbox' }), ' ', t('order.backorder'), ' ', arriving),
    el('button', { type: 'submit', text: t('order.place') })), async (values, form) => {
    const order = await post(`/api/clients/${clientId}/orders`,
      { lines: [{ sku: values.sku, quantity: Number(values.quantity), backorder: values.backorder }], callId });
    const waiting = order.lines.filter(line => line.backordered > 0);
    showOk(form, t('order.placed', { id: order.id, total: money(order.total) })
      + waiting.map(line => ' ' + t(line.expectedOn ? 'order.backorderedOn' : 'order.backordered',
        { units: line.backordered, name: line.name, date: date(line.expectedOn) })).join(''));
    form.elements.backorder.checked = false;
    fill(arriving);
    await Promise.all([refresh(), lastSearch ? search(lastSearch) : null]);
  });
  let lastSearch = null;
  const search = async q => {
    lastSearch = q;
    const products = await get(`/api/products?q=${encodeURIComponent(q)}&limit=20`);
    fill(results, products.length ? stockTable(products, 'search-results', pick)
      : el('div', { class: 'muted', text: t('product.none') }));
  };
  function pick(product) {
    orderForm.elements.sku.value = product.sku;
    // Out of stock and arriving: the order is most likely for the batch; the box says when it comes.
    orderForm.elements.backorder.checked = product.onHand === 0 && product.incoming > 0;
    fill(arriving, product.incoming > 0 && product.incomingDate ? t('order.arriving', { date: date(product.incomingDate) }) : '');
    orderForm.elements.quantity.focus();
  }
  const searchForm = onSubmit(el('form', { class: 'inline product-search' },
    field('product.search', el('input', { name: 'q', type: 'search' })),
    el('button', { type: 'submit', text: t('action.search') })), values => search(values.q || ''));

  const node = el('div', { class: 'client-card', dataset: { clientId } }, summaryHolder,
    canWrite ? el('div', { class: 'card-actions' },
      el('h3', { text: t('note.title') }), noteForm,
      el('h3', { text: t('order.title') }), searchForm, results, orderForm) : null);
  return { node, refresh };
}
