// One client: the card (figures, contacts, history, orders, stock) with its actions, editing the client and its
// contacts and numbers, the whole history and the orders.
import { startPage, canChangeClients } from './layout.js';
import { el, fill, $, table, dateTime, money } from './dom.js';
import { t } from './i18n.js';
import { get, post, patch, del } from './api.js';
import { onSubmit, field, showOk } from './forms.js';
import { clientCard, history } from './card.js';

const me = await startPage();
const clientId = Number(location.pathname.split('/').pop());
const canWrite = canChangeClients(me);
const historyBox = el('div', { id: 'full-history' });
const ordersBox = el('div', { id: 'orders' });
const contactsBox = el('div', { id: 'contacts-edit' });
let card = await get(`/api/clients/${clientId}/card`);
const view = clientCard(card, { canWrite });

async function refreshAll() {
  await view.refresh();
  card = await get(`/api/clients/${clientId}/card`);
  const [items, recordings] = await Promise.all([get(`/api/clients/${clientId}/interactions?limit=100`),
    get(`/api/clients/${clientId}/recordings`)]);
  fill(historyBox, history(items, recordings));
  fill(ordersBox, orders(await get(`/api/clients/${clientId}/orders`)));
  fill(contactsBox, contacts(card.contacts));
}

function orders(items) {
  return table(['order.number', 'order.placedAt', 'order.placedBy', 'order.status', 'order.total', 'order.lines', ''], items,
    order => el('tr', { dataset: { orderId: order.id } },
      el('td', { text: `#${order.id}` }), el('td', { text: dateTime(order.placedAt) }), el('td', { text: order.placedBy }),
      el('td', { text: t(`orderStatus.${order.status}`) }), el('td', { class: 'num', text: money(order.total) }),
      el('td', { text: order.lines.map(line => `${line.name} × ${line.quantity}`).join(', ') }),
      el('td', {}, canWrite && order.status === 'NEW' ? el('button', { type: 'button', class: 'secondary', text: t('order.cancel'),
        onclick: async () => { await post(`/api/clients/${clientId}/orders/${order.id}/cancel`); refreshAll(); } }) : null)), [4]);
}

function contactForm(contact) {
  const form = el('form', { class: 'inline contact-form', dataset: { contactId: contact ? contact.id : 'new' } },
    field('contact.fullName', el('input', { name: 'fullName', value: contact?.fullName ?? '' })),
    field('contact.position', el('input', { name: 'position', value: contact?.position ?? '' })),
    field('contact.email', el('input', { name: 'email', value: contact?.email ?? '' })),
    field('contact.phones', el('input', { name: 'phoneNumbers', value: (contact?.phoneNumbers || []).join(', ') })),
    el('button', { type: 'submit', text: contact ? t('action.save') : t('contact.add') }),
    contact ? el('button', { type: 'button', class: 'secondary', text: t('action.delete'),
      onclick: async () => { await del(`/api/clients/${clientId}/contacts/${contact.id}`); refreshAll(); } }) : null);
  return onSubmit(form, async values => {
    const body = { fullName: values.fullName, position: values.position, email: values.email,
      phoneNumbers: (values.phoneNumbers || '').split(',').map(n => n.trim()).filter(Boolean) };
    if (contact) await patch(`/api/clients/${clientId}/contacts/${contact.id}`, body);
    else await post(`/api/clients/${clientId}/contacts`, body);
    await refreshAll();
  });
}

function contacts(items) {
  return el('div', {}, items.map(contact => contactForm(contact)), el('h3', { text: t('contact.new') }), contactForm(null));
}

const c = card.client;
const editForm = onSubmit(el('form', { class: 'inline', id: 'client-edit' },
  field('client.name', el('input', { name: 'name', value: c.name, size: 30 })),
  field('client.industry', el('input', { name: 'industry', value: c.industry })),
  field('client.taxId', el('input', { name: 'taxId', value: c.taxId ?? '', size: 12 })),
  field('client.vip', el('input', { name: 'vip', type: 'checkbox', checked: c.vip })),
  el('button', { type: 'submit', text: t('action.save') })), async (values, form) => {
  await patch(`/api/clients/${clientId}`, { name: values.name, industry: values.industry, taxId: values.taxId, vip: values.vip });
  showOk(form, t('action.saved'));
  await refreshAll();
});

const numberForm = onSubmit(el('form', { class: 'inline', id: 'number-add' },
  field('client.phone', el('input', { name: 'number' })), field('number.label', el('input', { name: 'label', size: 10 })),
  el('button', { type: 'submit', text: t('number.add') }),
  el('button', { type: 'button', class: 'secondary', text: t('number.remove'), onclick: async () => {
    const number = numberForm.elements.number.value.trim();
    if (number) { await del(`/api/clients/${clientId}/numbers/${encodeURIComponent(number)}`); refreshAll(); }
  } })), async values => {
  await post(`/api/clients/${clientId}/numbers`, { number: values.number, label: values.label });
  numberForm.elements.number.value = '';
  await refreshAll();
});

fill($('#page'),
  el('section', { class: 'box' }, view.node),
  canWrite ? el('section', { class: 'box' }, el('h2', { text: t('client.edit') }), editForm, numberForm) : null,
  el('section', { class: 'box' }, el('h2', { text: t('card.contacts') }), canWrite ? contactsBox : null),
  el('section', { class: 'box' }, el('h2', { text: t('client.orders') }), ordersBox),
  el('section', { class: 'box' }, el('h2', { text: t('client.history') }), historyBox));
document.title = `${c.name} · Ringside`;
refreshAll();
