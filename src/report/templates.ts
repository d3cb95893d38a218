/**
 * The report templates, ready to render, once: `templates/report.hbs` and every partial in
 * `templates/partials/` (registered under its file name), and the NYC LL144 published summary's
 * `templates/ll144-summary.hbs`. `npm run build` precompiles them (scripts/build-assets.mjs) into
 * `templates.precompiled.cjs` beside this module, which saves each run the compiling (about 0.2 s
 * for the report) and lets the bundled CLI run without the `.hbs` files; running from source,
 * they are compiled from the `.hbs` files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Handlebars from 'handlebars';
import { assetUrl } from '../assets.js';
import { registerReportHelpers } from './helpers.js';
import { TEMPLATE_OPTIONS } from './template-options.js';
import type { ReportView } from './view/index.js';

const TEMPLATE_DIR = assetUrl('report/templates/');
const PRECOMPILED = assetUrl('report/templates.precompiled.cjs');

/** A precompiled template, as Handlebars.precompile writes it (the type is global in its typings). */
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** Precompiled template specs, as Handlebars.precompile writes them. */
interface PrecompiledTemplates {
  report: TemplateSpecification;
  partials: Record<string, TemplateSpecification>;
  /** The LL144 summary page: standalone, no partials or helpers. */
  ll144Summary: TemplateSpecification;
}

let html: Handlebars.TemplateDelegate<ReportView> | undefined;

/** The HTML report template, made on the first call and reused: precompiled when the build made it. */
export function htmlTemplate(): Handlebars.TemplateDelegate<ReportView> {
  html ??= existsSync(PRECOMPILED) ? precompiledTemplate(PRECOMPILED.pathname) : compiledTemplate();
  return html;
}

/** The report template from the specs `npm run build` precompiled into the CommonJS file at `path`. */
export function precompiledTemplate(path: string): Handlebars.TemplateDelegate<ReportView> {
  const hb = reportHandlebars();
  const specs = createRequire(import.meta.url)(path) as PrecompiledTemplates;
  for (const [name, spec] of Object.entries(specs.partials)) hb.registerPartial(name, hb.template(spec));
  return hb.template<ReportView>(specs.report);
}

/** The report template compiled from the `.hbs` files. */
export function compiledTemplate(): Handlebars.TemplateDelegate<ReportView> {
  const hb = reportHandlebars();
  const partials = new URL('./partials/', TEMPLATE_DIR);
  for (const file of readdirSync(partials).filter((f) => f.endsWith('.hbs')).sort()) {
    hb.registerPartial(file.slice(0, -'.hbs'.length), readFileSync(new URL(file, partials), 'utf8'));
  }
  return hb.compile<ReportView>(readFileSync(new URL('report.hbs', TEMPLATE_DIR), 'utf8'), TEMPLATE_OPTIONS);
}

let ll144: Handlebars.TemplateDelegate | undefined;

/**
 * The LL144 summary page's template, made on the first call (only LL144 audits pay for it) and
 * reused: precompiled when the build made it. `View` is the summary's view (report/ll144-summary.ts),
 * a type parameter so that this module imports nothing from it.
 */
export function ll144Template<View>(): Handlebars.TemplateDelegate<View> {
  ll144 ??= existsSync(PRECOMPILED) ? precompiledLl144Template(PRECOMPILED.pathname) : compiledLl144Template();
  return ll144 as Handlebars.TemplateDelegate<View>;
}

/** The LL144 summary template from the specs `npm run build` precompiled into the CommonJS file at `path`. */
export function precompiledLl144Template<View>(path: string): Handlebars.TemplateDelegate<View> {
  const specs = createRequire(import.meta.url)(path) as PrecompiledTemplates;
  return Handlebars.create().template<View>(specs.ll144Summary);
}

/** The LL144 summary template compiled from `templates/ll144-summary.hbs`. */
export function compiledLl144Template<View>(): Handlebars.TemplateDelegate<View> {
  return Handlebars.create().compile<View>(readFileSync(new URL('ll144-summary.hbs', TEMPLATE_DIR), 'utf8'), TEMPLATE_OPTIONS);
}

function reportHandlebars(): typeof Handlebars {
  const hb = Handlebars.create();
  registerReportHelpers(hb);
  return hb;
}
