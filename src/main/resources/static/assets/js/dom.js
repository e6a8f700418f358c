// Building elements from data. Text always goes in as text (textContent), never as HTML.
import { t, lang } from './i18n.js';

/** el('td', {class: 'num', onclick: fn}, 'text', childElement, ...) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'text') node.textContent = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of a node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export const $ = (selector, root = document) => root.querySelector(selector);

const locale = () => (lang() === 'ru' ? 'ru-RU' : 'en-GB');

export function money(value) {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(value));
}

export function dateTime(value) {
  if (!value) return '–';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(value));
}

export function date(value) {
  if (!value) return '–';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(value));
}

/** A table with a header row of message keys and one row per item. */
export function table(headerKeys, items, row, numeric = []) {
  return el('table', {},
    el('thead', {}, el('tr', {}, headerKeys.map((key, i) => el('th', { class: numeric.includes(i) ? 'num' : null, text: t(key) })))),
    el('tbody', {}, items.map(row)));
}

export function attributes(map) {
  return Object.entries(map || {}).map(([k, v]) => `${k}: ${v}`).join(', ');
}
