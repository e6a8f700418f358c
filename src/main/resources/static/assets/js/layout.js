// What every signed-in page has: the menu, who is signed in and as what, the language switch and sign-out.
import { loadMessages, t, lang, setLang, languages } from './i18n.js';
import { el } from './dom.js';
import { get, csrfToken } from './api.js';

export const BOARD_ROLES = ['SUPERVISOR', 'HEAD_OF_SALES', 'ADMIN'];
/** Who may open /rules: those who may change the rules of work. */
export const RULES_ROLES = ['HEAD_OF_SALES', 'ADMIN'];

// [path, message key, roles that see it (all when absent)]
const MENU = [
  ['/console', 'nav.console'], ['/board', 'nav.board', BOARD_ROLES], ['/clients', 'nav.clients'],
  ['/products', 'nav.products'], ['/reports', 'nav.reports'], ['/warehouse', 'nav.warehouse'],
  ['/rules', 'nav.rules', RULES_ROLES],
];

export function languageSwitch() {
  const select = el('select', { id: 'lang', 'aria-label': 'Language', onchange: event => setLang(event.target.value) },
    languages.map(code => el('option', { value: code, selected: code === lang(), text: code === 'ru' ? 'Русский' : 'English' })));
  return select;
}

/** Loads the messages and the signed-in employee, draws the header; resolves to the employee. */
export async function startPage() {
  await loadMessages();
  const me = await get('/api/employees/me');
  const logout = el('form', { method: 'post', action: '/logout', id: 'logout-form' },
    el('input', { type: 'hidden', name: '_csrf' }),
    el('button', { type: 'submit', id: 'logout', text: t('nav.logout') }));
  logout.addEventListener('submit', () => { logout.elements._csrf.value = csrfToken() || ''; });
  const header = el('header', { class: 'top' },
    el('a', { class: 'brand', href: '/console', text: 'Ringside' }),
    MENU.filter(([, , roles]) => !roles || roles.includes(me.role)).map(([href, key]) => el('a', { href, class: location.pathname.startsWith(href) ? 'current' : null, text: t(key) })),
    el('span', { class: 'spacer' }),
    el('span', { id: 'me', dataset: { login: me.login, role: me.role } },
      el('b', { id: 'me-name', text: me.fullName }), ' · ', el('span', { id: 'me-role', text: t(`role.${me.role}`) })),
    languageSwitch(),
    logout);
  document.body.prepend(header);
  return me;
}

export const canChangeClients = me => ['MANAGER', 'HEAD_OF_SALES', 'ADMIN'].includes(me.role);
export const isLead = me => ['HEAD_OF_SALES', 'ADMIN'].includes(me.role);
