/** Small DOM helpers for the dashboard page: text only (textContent), never HTML strings. */
export type Strings = (key: string, params?: Record<string, string | number>) => string;

const properties = new Set([
  'className',
  'htmlFor',
  'dateTime',
  'value',
  'type',
  'href',
  'target',
  'rel',
  'id',
  'name',
]);

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  children: readonly (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (properties.has(k)) (node as unknown as Record<string, string>)[k] = v;
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

/** A data table: caption (its accessible name), column headers with scope, one row per item. */
export function table(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  s: Strings,
): HTMLElement {
  const body = rows.length
    ? rows.map((cells) =>
        el(
          'tr',
          {},
          cells.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, [c]) : el('td', {}, [c]))),
        ),
      )
    : [el('tr', {}, [el('td', { colspan: String(headers.length), className: 'muted' }, [s('dashboard.none')])])];
  return el('div', { className: 'table-wrap' }, [
    el('table', { tabindex: '-1' }, [
      el('caption', {}, [caption]),
      el('thead', {}, [
        el(
          'tr',
          {},
          headers.map((h) => el('th', { scope: 'col' }, [h])),
        ),
      ]),
      el('tbody', {}, body),
    ]),
  ]);
}
