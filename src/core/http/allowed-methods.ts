import { METHODS } from 'node:http';
import type { Application } from 'express';

interface RouteLayer {
  match(path: string): boolean;
  route?: { methods: Record<string, boolean | undefined> };
}

function methodsOf(layer: RouteLayer): string[] {
  return Object.entries(layer.route?.methods ?? {})
    .filter(([method, enabled]) => enabled && method !== '_all')
    .map(([method]) => method.toUpperCase());
}

/**
 * The HTTP methods registered for a path, read from the Express router, so that a request with
 * the wrong method can be answered 405 with an Allow header instead of 404.
 */
export function allowedMethodsFor(app: Application, path: string): string[] {
  // Express 5 exposes its router on the application; its layers are not part of the typings.
  const stack = (app as unknown as { router?: { stack: RouteLayer[] } }).router?.stack ?? [];
  const allowed = new Set<string>();
  for (const layer of stack) {
    if (!layer.route || !layer.match(path)) continue;
    const methods = methodsOf(layer);
    // Nest mounts middleware (request logging) with `app.all`, which registers every method;
    // such a route says nothing about which methods the resource accepts.
    if (layer.route.methods._all || methods.length >= METHODS.length) continue;
    methods.forEach((method) => allowed.add(method));
  }
  if (allowed.has('GET')) allowed.add('HEAD');
  return [...allowed].sort();
}
