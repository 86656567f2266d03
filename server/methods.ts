/**
 * Which methods an address takes, for answering a request whose method it does not take: 405
 * with `Allow` (RFC 9110 §15.5.6), rather than the 404 of an address no route has. The routes
 * are recorded as they are added (every plugin's, the preview app's too), each as a pattern
 * matched as Fastify's router matches it: a `:param` is one path segment, `*` the rest.
 */
import type { FastifyInstance } from 'fastify';

export interface RouteMethods {
  /** The methods some route takes at `path` (no query), sorted; empty when no route has that address. */
  allowed(path: string): string[];
}

export function recordRouteMethods(app: FastifyInstance): RouteMethods {
  const routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();
  app.addHook('onRoute', (route) => {
    let entry = routes.get(route.url);
    if (!entry) {
      const source = route.url.split(/(:\w+|\*)/).map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))).join('');
      // ignoreTrailingSlash (server/app.ts): /a/ is /a.
      entry = { pattern: new RegExp(`^${source.replace(/\/$/, '')}/?$`), methods: new Set() };
      routes.set(route.url, entry);
    }
    for (const method of [route.method].flat()) entry.methods.add(method);
  });
  return {
    allowed(path) {
      const methods = new Set<string>();
      for (const { pattern, methods: taken } of routes.values()) if (pattern.test(path)) for (const method of taken) methods.add(method);
      return [...methods].sort();
    },
  };
}
