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

// Templates are a handful of static strings, so each one's pattern is compiled once, not on every request.
const patterns = new Map<string, RegExp>();

function patternOf(template: string): RegExp {
  let pattern = patterns.get(template);
  if (pattern === undefined) {
    const source = template
      .split('/')
      .map((segment) =>
        segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    pattern = new RegExp(`^${source}/?$`);
    patterns.set(template, pattern);
  }
  return pattern;
}

/** The template the request matched; the first one when none does (a prefix or adapter rewrite), never the path. */
export function matchedTemplate(templates: readonly string[], url: string): string {
  // One template is the answer whatever the URL, as the fallback below would say after the match.
  if (templates.length === 1) return templates[0]!;
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return templates.find((t) => patternOf(t).test(path)) ?? templates[0] ?? 'unmatched';
}
