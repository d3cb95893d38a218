/** Reading rendered HTML as a reader sees it, for assertions on what the report says. */

/** The text of the table row whose header cell is `label`, in the table captioned `caption`. */
export function tableRow(html: string, caption: string, label: string, nth = 0): string {
  const at = html.indexOf(`<caption>${caption}</caption>`);
  if (at < 0) throw new Error(`no table "${caption}"`);
  const table = html.slice(at);
  const end = table.indexOf('</table>');
  const header = new RegExp(`<th scope="row"[^>]*>${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(</th>|<span)`);
  const row = table.slice(0, end).split('<tr').filter((r) => header.test(r))[nth];
  if (!row) throw new Error(`no row "${label}" in table "${caption}"`);
  return text(row.slice(row.indexOf('>') + 1));
}

/** The markup of one section (`<section id="…">` to the next top-level section). */
export function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}"`);
  if (start < 0) throw new Error(`no section "${id}"`);
  // Top-level sections open with their id; the subsections inside them open with a class.
  const next = html.slice(start + 1).search(/<section id="/);
  return next < 0 ? html.slice(start) : html.slice(start, start + 1 + next);
}

/** Markup as plain text: tags become spaces, whitespace collapses, entities are decoded. */
export function text(html: string): string {
  return decode(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim());
}

/** Decodes the few entities the report uses, to compare text as a reader sees it. */
export function decode(text: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  return text.replace(/&(#\d+|#x[0-9a-f]+|\w+);/gi, (m, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (named[e] ?? m),
  );
}
