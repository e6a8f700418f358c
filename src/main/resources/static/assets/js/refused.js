// The page served, with status 403, to someone whose role may not open the page they asked for: the board, or the
// rules of work.
import { startPage } from './layout.js';
import { t } from './i18n.js';

await startPage();
if (location.pathname.startsWith('/rules')) document.getElementById('refused-why').textContent = t('refused.rules');
