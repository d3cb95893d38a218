/**
 * Normalizes a rendered report for snapshot comparison: times, durations and the tool version are
 * replaced by placeholders, whitespace is collapsed, and a line break goes before each block
 * element so that a diff points at the row or element that changed.
 */
export function normalizeHtml(html: string): string {
  return (
    html
      .replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/g, '<TIME>')
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<TIME>')
      // The print header's time, escaped for a CSS string: 2025\2d 03\2d 14 09\3a 26 UTC.
      .replace(/\d{4}\\2d \d{2}\\2d \d{2} \d{2}\\3a \d{2} UTC/g, '<TIME>')
      .replace(/(<th scope="row">Duration<\/th><td>)[^<]*/g, '$1<DURATION>')
      .replace(/fairaudit \d+\.\d+\.\d+(-[\w.]+)?/g, 'fairaudit <VERSION>')
      .replace(/\s+/g, ' ')
      .replace(/ ?(<(?:tr|section|table|svg|figure|h[1-4]|li|p|dt|dd|caption|thead|tbody|header|footer|nav|style|title|desc)[\s>])/g, '\n$1')
      .trim() + '\n'
  );
}
