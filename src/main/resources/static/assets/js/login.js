// The sign-in form posts to Spring Security's /login with the CSRF token from the XSRF-TOKEN cookie.
import { loadMessages } from './i18n.js';
import { csrfToken } from './api.js';
import { languageSwitch } from './layout.js';

await loadMessages();
const params = new URLSearchParams(location.search);
document.getElementById('login-error').hidden = !params.has('error');
document.getElementById('login-out').hidden = !params.has('logout');
document.getElementById('lang-holder').append(languageSwitch());
const form = document.getElementById('login-form');
form.addEventListener('submit', () => { form.elements._csrf.value = csrfToken() || ''; });
