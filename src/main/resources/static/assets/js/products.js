// Products and their stock; the head of sales and the admin also set the stock and add products.
import { startPage, isLead } from './layout.js';
import { el, fill, $ } from './dom.js';
import { t } from './i18n.js';
import { get, post, patch } from './api.js';
import { onSubmit, field, showOk } from './forms.js';
import { stockTable } from './card.js';

const me = await startPage();
const results = el('div', { id: 'product-results' });
let last = {};
// The stock as shown when the product was picked: the form sends the change from it (onHandDelta), so that units an
// order reserved meanwhile stay reserved (issue #12).
let picked = null;
const searchForm = onSubmit(el('form', { class: 'inline', id: 'product-search' },
  field('product.search', el('input', { name: 'q', type: 'search' })),
  field('product.inStockOnly', el('input', { name: 'inStock', type: 'checkbox' })),
  el('button', { type: 'submit', text: t('action.search') })), search);

async function search(values) {
  last = values;
  const params = new URLSearchParams({ limit: '200' });
  if (values.q) params.set('q', values.q);
  if (values.inStock) params.set('inStock', 'true');
  const products = await get(`/api/products?${params}`);
  fill(results, stockTable(products, 'products', isLead(me) ? product => {
    picked = { sku: product.sku, onHand: product.onHand };
    stockForm.elements.sku.value = product.sku;
    stockForm.elements.onHand.value = product.onHand;
    stockForm.elements.incoming.value = product.incoming;
    stockForm.elements.incomingDate.value = product.incomingDate ?? '';
    stockForm.elements.price.value = product.price;
  } : null));
}

const stockForm = onSubmit(el('form', { class: 'inline', id: 'stock-edit' },
  field('product.sku', el('input', { name: 'sku', size: 14 })),
  field('product.price', el('input', { name: 'price', size: 8 })),
  field('product.onHand', el('input', { name: 'onHand', type: 'number', class: 'short' })),
  field('product.incoming', el('input', { name: 'incoming', type: 'number', class: 'short' })),
  field('product.incomingDate', el('input', { name: 'incomingDate', type: 'date' })),
  el('button', { type: 'submit', text: t('action.save') })), async (values, form) => {
  const path = `/api/products/${encodeURIComponent(values.sku || '')}`;
  let onHandDelta;
  if (values.onHand !== undefined && values.onHand !== '') {
    const from = picked?.sku === values.sku ? picked.onHand : (await get(path)).onHand;
    onHandDelta = Number(values.onHand) - from || undefined;
  }
  await patch(path, {
    price: values.price, onHandDelta,
    incoming: values.incoming === undefined ? undefined : Number(values.incoming), incomingDate: values.incomingDate,
  });
  picked = null;
  showOk(form, t('action.saved'));
  await search(last);
});

const createForm = onSubmit(el('form', { class: 'inline', id: 'product-create' },
  field('product.sku', el('input', { name: 'sku', size: 14 })),
  field('product.name', el('input', { name: 'name', size: 30 })),
  field('product.price', el('input', { name: 'price', size: 8 })),
  field('product.onHand', el('input', { name: 'onHand', type: 'number', class: 'short' })),
  el('button', { type: 'submit', text: t('product.create') })), async (values, form) => {
  await post('/api/products', { sku: values.sku, name: values.name, price: values.price,
    onHand: values.onHand === undefined ? undefined : Number(values.onHand), attributes: {} });
  showOk(form, t('action.saved'));
  await search(last);
});

fill($('#page'), el('h1', { text: t('products.title') }), el('section', { class: 'box' }, searchForm, results),
  isLead(me) ? el('section', { class: 'box' }, el('h2', { text: t('products.stock') }), stockForm,
    el('h2', { text: t('products.new') }), createForm) : null);
search({});
