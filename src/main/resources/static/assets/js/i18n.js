// Russian and English: the language is the one the user chose on the switch (remembered in this browser), else the
// browser's own. Every string a page shows comes from /assets/i18n/<lang>.json.
const KEY = 'ringside.lang';
const SUPPORTED = ['en', 'ru'];
let current = 'en';
let messages = {};

export function lang() { return current; }

function chosen() {
  const stored = localStorage.getItem(KEY);
  if (SUPPORTED.includes(stored)) return stored;
  const browser = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
  return browser.toLowerCase().startsWith('ru') ? 'ru' : 'en';
}

export async function loadMessages() {
  current = chosen();
  document.documentElement.lang = current;
  const response = await fetch(`/assets/i18n/${current}.json`, { credentials: 'same-origin' });
  messages = await response.json();
  translate(document);
}

export function setLang(value) {
  localStorage.setItem(KEY, value);
  location.reload();
}

/** The message for a key, with {name} placeholders filled in; the key itself if the bundle lacks it. */
export function t(key, vars = {}) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

/** Fills data-i18n (text), data-i18n-placeholder and data-i18n-title under a root. */
export function translate(root) {
  root.querySelectorAll('[data-i18n]').forEach(node => { node.textContent = t(node.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(node => { node.placeholder = t(node.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-title]').forEach(node => { node.title = t(node.dataset.i18nTitle); });
  const title = document.querySelector('title[data-i18n]');
  if (title) document.title = t(title.dataset.i18n);
}

export const languages = SUPPORTED;
