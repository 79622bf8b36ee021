// eslint-disable-next-line @typescript-eslint/no-require-imports
const hbs = require('hbs');

/** form field and header that carry a session's CSRF token */
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

let registered = false;

/**
 * `{{> csrf}}` inside any POST form of a page; every render has `csrfToken` in its locals
 * (the layout also puts it in `<meta name="csrf-token">` for scripts, sent as X-CSRF-Token).
 */
export function registerCsrfPartial(): void {
  if (registered) return;
  registered = true;
  hbs.registerPartial('csrf', `<input type="hidden" name="${CSRF_FIELD}" value="{{@root.csrfToken}}">`);
}
