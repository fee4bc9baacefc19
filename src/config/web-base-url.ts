import type { CoreConfig } from './core-config.js';

/**
 * The address links to the website start with: EMCEE_PUBLIC_URL when set, else where the site listens. A site
 * listening on every interface (0.0.0.0, ::) is reached from this machine at the loopback address.
 */
export function webBaseUrl(config: Pick<CoreConfig, 'EMCEE_PUBLIC_URL' | 'EMCEE_WEB_HOST' | 'EMCEE_WEB_PORT'>): string {
  if (config.EMCEE_PUBLIC_URL) return config.EMCEE_PUBLIC_URL.replace(/\/+$/, '');
  const listen = config.EMCEE_WEB_HOST;
  const host = listen === '0.0.0.0' ? '127.0.0.1' : listen === '::' ? '::1' : listen;
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${shown}:${config.EMCEE_WEB_PORT}`;
}
