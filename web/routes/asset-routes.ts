import type { Hono } from 'hono';
import { LIVE_CONSOLE_JS } from '../assets/live-console-js.js';
import { SITE_CSS } from '../assets/site-css.js';
import type { WebEnv } from '../viewer.js';

/** The stylesheet (and, as they come, the small scripts of the live pages). */
export function registerAssetRoutes(app: Hono<WebEnv>): void {
  app.get('/assets/site.css', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(SITE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  app.get('/assets/live-console.js', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(LIVE_CONSOLE_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
}
