/*
 * The route label is the template a handler was declared with, read from Nest's metadata, never the URL: a URL
 * carries whatever the client typed (ids, typos, scanners' probes) and would make the label set unbounded.
 */

const join = (...parts: string[]): string =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter((p) => p !== '')
    .join('/')}`;

/** Every template a handler answers: each controller path × each handler path. */
export function routeTemplates(
  controllerPaths: string | string[] | undefined,
  handlerPaths: string | string[] | undefined,
): string[] {
  const outer = [controllerPaths ?? ''].flat();
  const inner = [handlerPaths ?? ''].flat();
  return outer.flatMap((o) => inner.map((i) => join(o, i)));
}

function matches(template: string, path: string): boolean {
  const pattern = template
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${pattern}/?$`).test(path);
}

/** The template the request matched; the first one when none does (a prefix or adapter rewrite), never the path. */
export function matchedTemplate(templates: readonly string[], url: string): string {
  const path = url.split('?')[0] ?? '';
  return templates.find((t) => matches(t, path)) ?? templates[0] ?? 'unmatched';
}
