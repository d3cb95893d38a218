/**
 * The import graph of fairaudit's TypeScript sources, read with TypeScript's parser (syntax only,
 * no type-checking, so it runs in a second): for each file, what it imports from which file (by
 * name, type-only or not) and what it exports. Used by scripts/import-cycles.ts and
 * scripts/dead-exports.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One import (or re-export) of a file by another. */
export interface ImportEdge {
  /** The imported file, relative to the project root. */
  to: string;
  /** Names taken (`*` for a namespace import or `export *`, `default` for a default import). */
  names: string[];
  /** `import type` / `export type`: erased at compile time. */
  typeOnly: boolean;
}

/** One source file: its imports and the names it exports. */
export interface SourceFile {
  path: string;
  imports: ImportEdge[];
  exports: string[];
  /** The exported names that are only types (interfaces, type aliases, `export type { … }`). */
  typeExports: string[];
}

/** Every `.ts` file below `dirs` (relative to `root`), parsed. */
export function readSources(root: string, dirs: readonly string[]): Map<string, SourceFile> {
  const files = new Map<string, SourceFile>();
  for (const dir of dirs) for (const path of walk(join(root, dir))) files.set(relative(root, path), parse(root, path));
  return files;
}

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : walk(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function parse(root: string, path: string): SourceFile {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, false);
  const imports: ImportEdge[] = [];
  const exports: string[] = [];
  const typeExports: string[] = [];
  const target = (specifier: ts.Expression): string | undefined => {
    if (!ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) return undefined;
    return relative(root, resolve(dirname(path), specifier.text.replace(/\.js$/, '.ts')));
  };
  const exported = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const to = target(statement.moduleSpecifier);
      const clause = statement.importClause;
      if (!to) continue;
      const names: string[] = [];
      let allTypes = clause?.isTypeOnly ?? false;
      if (clause?.name) names.push('default');
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) names.push((element.propertyName ?? element.name).text);
        if (!allTypes && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly) && !clause?.name) allTypes = true;
      }
      imports.push({ to, names, typeOnly: allTypes });
    } else if (ts.isExportDeclaration(statement)) {
      const to = statement.moduleSpecifier ? target(statement.moduleSpecifier) : undefined;
      const clause = statement.exportClause;
      const names = clause && ts.isNamedExports(clause) ? clause.elements.map((e) => (e.propertyName ?? e.name).text) : ['*'];
      if (clause && ts.isNamedExports(clause)) {
        exports.push(...clause.elements.map((e) => e.name.text));
        typeExports.push(...clause.elements.filter((e) => statement.isTypeOnly || e.isTypeOnly).map((e) => e.name.text));
      }
      if (to) imports.push({ to, names, typeOnly: statement.isTypeOnly });
    } else if (exported(statement)) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) exports.push(declaration.name.text);
      } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
        exports.push(statement.name.text);
        if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) typeExports.push(statement.name.text);
      }
    }
  }
  // Dynamic imports (`await import('./x.js')`) take the whole module.
  for (const match of source.text.matchAll(/\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    imports.push({ to: relative(root, resolve(dirname(path), match[1].replace(/\.js$/, '.ts'))), names: ['*'], typeOnly: false });
  }
  return { path: relative(root, path), imports, exports, typeExports };
}
