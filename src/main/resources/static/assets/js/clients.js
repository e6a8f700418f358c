// Client search, and a new client.
import { startPage, canChangeClients } from './layout.js';
import { el, fill, $, table } from './dom.js';
import { t } from './i18n.js';
import { get, post } from './api.js';
import { onSubmit, field } from './forms.js';
import { callButton } from './card.js';

const me = await startPage();
const results = el('div', { id: 'client-results' });
const searchForm = onSubmit(el('form', { class: 'inline', id: 'client-search' },
  field('clients.query', el('input', { name: 'q', type: 'search' })),
  field('client.phone', el('input', { name: 'number', size: 14 })),
  field('client.industry', el('input', { name: 'industry', size: 14 })),
  field('client.owner', el('input', { name: 'owner', size: 10 })),
  field('clients.vipOnly', el('input', { name: 'vip', type: 'checkbox' })),
  el('button', { type: 'submit', text: t('action.search') })), search);

async function search(values) {
  const params = new URLSearchParams({ size: '100' });
  for (const key of ['q', 'number', 'industry', 'owner']) if (values[key]) params.set(key, values[key]);
  if (values.vip) params.set('vip', 'true');
  const page = await get(`/api/clients?${params}`);
  fill(results, el('p', { class: 'muted', text: t('clients.found', { total: page.total }) }),
    table(['client.name', 'client.industry', 'client.vip', 'client.owner', 'client.phone'], page.items, client => el('tr', {},
      el('td', {}, el('a', { href: `/clients/${client.id}`, text: client.name })),
      el('td', { text: client.industry }), el('td', { text: client.vip ? t('card.vip') : '' }),
      el('td', { text: client.owner ? client.owner.fullName : '–' }),
      el('td', {}, (client.phoneNumbers || []).map(number => [callButton(number), ' '])))));
}

const createForm = onSubmit(el('form', { class: 'inline', id: 'client-create' },
  field('client.name', el('input', { name: 'name' })),
  field('client.industry', el('input', { name: 'industry' })),
  field('client.taxId', el('input', { name: 'taxId', size: 12 })),
  field('client.phone', el('input', { name: 'phoneNumbers', size: 16 })),
  field('client.vip', el('input', { name: 'vip', type: 'checkbox' })),
  el('button', { type: 'submit', text: t('client.create') })), async values => {
  const client = await post('/api/clients', {
    name: values.name, industry: values.industry, taxId: values.taxId, vip: values.vip,
    phoneNumbers: values.phoneNumbers ? [values.phoneNumbers] : [],
  });
  location.href = `/clients/${client.id}`;
});

fill($('#page'), el('h1', { text: t('clients.title') }), el('section', { class: 'box' }, searchForm, results),
  canChangeClients(me) ? el('section', { class: 'box' }, el('h2', { text: t('clients.new') }), createForm) : null);
search({});
