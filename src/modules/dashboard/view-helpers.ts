// eslint-disable-next-line @typescript-eslint/no-require-imports
const hbs = require('hbs');

let registered = false;

/** Small formatting helpers for the Handlebars views. */
export function registerViewHelpers(): void {
  if (registered) return;
  registered = true;
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('short', (id: unknown) => (typeof id === 'string' ? id.slice(0, 8) : ''));
  hbs.registerHelper('time', (iso: unknown) => (typeof iso === 'string' ? iso.replace('T', ' ').slice(0, 19) : ''));
  hbs.registerHelper('signClass', (value: unknown) => {
    const text = String(value ?? '');
    return text.startsWith('-') ? 'loss' : text && text !== '0' && text !== '0.00' ? 'gain' : '';
  });
  hbs.registerHelper('json', (value: unknown) => JSON.stringify(value));
}
