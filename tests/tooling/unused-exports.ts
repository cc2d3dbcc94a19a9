import { join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT, sourceFiles } from './import-graph';

/** An export of a file under src/ that no other file under src/ refers to. */
export interface UnusedExport {
  file: string;
  name: string;
}

/**
 * Every export defined in a file under `dir` (re-exports are not definitions) that no other
 * file under `dir` refers to: by import, re-export, `import * as` and a member of it, or a
 * type position. Resolved by the TypeScript compiler, so aliases and re-export chains count.
 */
export function unusedExports(dir = 'src'): UnusedExport[] {
  const files = sourceFiles(dir)
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => join(ROOT, file));
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    jsxImportSource: 'preact',
    // Only our own files' names are looked up: no library types to parse (much faster).
    noLib: true,
    types: [],
    skipLibCheck: true,
    noEmit: true,
    resolveJsonModule: true,
    esModuleInterop: true,
  };
  // Only our own files: a package (electron, preact …) is left unresolved, so its types are never parsed.
  const host = ts.createCompilerHost(options);
  host.resolveModuleNames = (names, containing) =>
    names.map((name) => (name.startsWith('.') ? ts.resolveModuleName(name, containing, options, host).resolvedModule : undefined));
  const program = ts.createProgram(files, options, host);
  const checker = program.getTypeChecker();
  const ours = new Set(files);
  const target = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
  const homes = (symbol: ts.Symbol) => new Set((symbol.declarations ?? []).map((declaration) => declaration.getSourceFile().fileName));

  const isNamespace = (node: ts.Expression) => {
    if (!ts.isIdentifier(node)) return false;
    const symbol = checker.getSymbolAtLocation(node);
    return !!symbol?.declarations?.some((declaration) => ts.isNamespaceImport(declaration));
  };
  const used = new Set<ts.Symbol>();
  for (const source of program.getSourceFiles()) {
    if (!ours.has(source.fileName)) continue;
    const visit = (node: ts.Node): void => {
      // A member name (`a.b`, `{ b: 1 }`) needs the type of what it belongs to, which is slow to
      // find and never an export, except a member of a namespace import (`ns.b`).
      if (ts.isPropertyAccessExpression(node) && !isNamespace(node.expression)) return visit(node.expression);
      if (ts.isPropertyAssignment(node)) return visit(node.initializer);
      if (ts.isIdentifier(node)) {
        const symbol = checker.getSymbolAtLocation(node);
        if (symbol) {
          // The alias itself (an import, a re-export) and what it finally names.
          for (const each of [symbol, target(symbol)]) if (!homes(each).has(source.fileName)) used.add(each);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  const unused: UnusedExport[] = [];
  for (const source of program.getSourceFiles()) {
    if (!ours.has(source.fileName)) continue;
    const module = checker.getSymbolAtLocation(source);
    if (!module) continue;
    for (const exported of checker.getExportsOfModule(module)) {
      const defined = target(exported);
      if (!homes(defined).has(source.fileName)) continue; // a re-export: the definition is elsewhere
      if (used.has(defined) || used.has(exported)) continue;
      unused.push({ file: relative(ROOT, source.fileName), name: exported.name });
    }
  }
  return unused.sort((a, b) => a.file.localeCompare(b.file) || a.name.localeCompare(b.name));
}
