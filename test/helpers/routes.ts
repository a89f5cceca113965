import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  readonly method: string;
  readonly url: string;
}

const LINE = /^((?:[│ ] {3})*)([├└]── )(.+?)(?: \(([A-Z, ]+)\))?$/;

/**
 * Every route the app serves, read from the radix tree `app.printRoutes()` draws (an onRoute hook added after
 * buildApp sees nothing, because the modules have registered their routes by then): a route's URL is its line's
 * text joined to the text of every line above it in the tree. Each route found is checked with `app.hasRoute`, so a
 * change in the print format fails loudly instead of silently finding fewer routes.
 */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  const printed = app.printRoutes();
  const stack: string[] = [];
  const routes: RegisteredRoute[] = [];
  for (const line of printed.split('\n')) {
    if (line.trim() === '') continue;
    const match = LINE.exec(line);
    if (match === null) throw new Error(`Cannot read the route line: ${line}`);
    const depth = ((match[1] ?? '').length + (match[2] ?? '').length) / 4;
    const segment = match[3] ?? '';
    stack.length = depth - 1;
    const url = `${stack.at(-1) ?? ''}${segment}`;
    stack.push(url);
    for (const method of (match[4] ?? '').split(',').map((m) => m.trim())) {
      if (method === '' || method === 'HEAD') continue;
      if (!app.hasRoute({ method, url })) throw new Error(`Read a route that is not registered: ${method} ${url}`);
      routes.push({ method, url });
    }
  }
  if (routes.length === 0) throw new Error('No routes found: has the printRoutes format changed?');
  return routes;
}

/** The `:name` parameters in a route's URL. */
export function routeParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1] ?? '');
}

/** Fill a route's parameters. */
export function fillParams(url: string, values: Readonly<Record<string, string>>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for :${name} in ${url}`);
    return encodeURIComponent(value);
  });
}
