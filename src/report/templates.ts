/**
 * Loads and compiles the report templates once, at first use: `templates/report.hbs` and every
 * partial in `templates/partials/` (registered under its file name). Templates are resolved
 * relative to this module, so they are found both in `src/` (tests) and in `dist/` (the build
 * copies them).
 */
import { readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { registerReportHelpers } from './helpers.js';
import type { ReportView } from './view.js';

const TEMPLATE_DIR = new URL('./templates/', import.meta.url);

let html: Handlebars.TemplateDelegate<ReportView> | undefined;

/** The compiled HTML report template (compiled on the first call, then reused). */
export function htmlTemplate(): Handlebars.TemplateDelegate<ReportView> {
  if (!html) {
    const hb = Handlebars.create();
    registerReportHelpers(hb);
    const partials = new URL('./partials/', TEMPLATE_DIR);
    for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs')).sort()) {
      hb.registerPartial(file.slice(0, -'.hbs'.length), readFileSync(new URL(file, partials), 'utf8'));
    }
    html = hb.compile<ReportView>(readFileSync(new URL('report.hbs', TEMPLATE_DIR), 'utf8'), { strict: false, preventIndent: true });
  }
  return html;
}
