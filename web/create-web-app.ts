import { Hono } from 'hono';
import { csrfGuard, requireHost, sessionViewer } from './auth/auth-middleware.js';
import { failurePage, notFoundPage } from './error-pages.js';
import { registerAssetRoutes } from './routes/asset-routes.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerConsoleArchiveRoutes } from './routes/console-archive-routes.js';
import { registerConsoleLiveRoutes } from './routes/console-live-routes.js';
import { registerConsoleFollowUpsRoutes } from './routes/console-followups-routes.js';
import { registerConsolePeopleRoutes } from './routes/console-people-routes.js';
import { registerConsolePlanRoutes } from './routes/console-plan-routes.js';
import { registerCalendarRoutes } from './routes/calendar-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerSearchRoutes } from './routes/search-routes.js';
import { registerHomeRoutes } from './routes/home-routes.js';
import { registerRecapRoutes } from './routes/recap-routes.js';
import { registerSeriesRoutes } from './routes/series-routes.js';
import { privateForHosts, securityHeaders } from './security-headers.js';
import { viewerOf, type WebEnv } from './viewer.js';
import type { WebDeps } from './web-deps.js';
import { WebLifecycle } from './web-lifecycle.js';

/**
 * The website and host console as one Hono app: thin routes over the store and the command registry. Each
 * group of routes lives in its own file under routes/ and is registered here, in order.
 */
export function createWebApp(deps: WebDeps, lifecycle = new WebLifecycle()): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.use('*', securityHeaders());
  app.use('*', privateForHosts());
  app.use('*', sessionViewer(deps));
  app.use('*', csrfGuard());
  // Every console page and action is for hosts whose rights the platform confirms at that moment.
  app.use('/console/*', requireHost(deps));
  registerAssetRoutes(app);
  registerHealthRoutes(app, deps);
  registerConsoleLiveRoutes(app, deps, lifecycle);
  registerAuthRoutes(app, deps);
  registerConsolePlanRoutes(app, deps);
  registerConsoleArchiveRoutes(app, deps);
  registerConsolePeopleRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerCalendarRoutes(app, deps);
  registerHomeRoutes(app, deps);
  registerSeriesRoutes(app, deps);
  registerRecapRoutes(app, deps);
  registerConsoleFollowUpsRoutes(app, deps);
  app.notFound((c) => c.html(notFoundPage(viewerOf(c)), 404));
  app.onError((error, c) => {
    deps.log.error('A web page failed', { path: pathToLog(c.req.path), error });
    return c.html(failurePage(viewerOf(c)), 500);
  });
  return app;
}

// A sign-in link's token signs someone in for ten minutes: the log, read by more people than hosts, never has it.
function pathToLog(path: string): string {
  return path.replace(/^\/signin\/[^/]+/, '/signin/[token]');
}
