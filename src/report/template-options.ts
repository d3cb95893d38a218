/** How the report templates compile, the same at build time (precompiled) and at run time. */
export const TEMPLATE_OPTIONS = { strict: false, preventIndent: true } as const;
