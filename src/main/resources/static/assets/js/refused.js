// The page served, with status 403, to someone whose role may not open the page they asked for.
import { startPage } from './layout.js';

await startPage();
