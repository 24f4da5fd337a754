/**
 * Turns a transpiled cell (an ES module's statements) into a script that runs in the kernel's
 * global scope: top-level declarations become globals (so later cells see them and re-running a
 * cell that declares `let`/`const`/`class` works), imports become awaited loads, function
 * declarations are hoisted, and the last expression statement becomes the cell's value.
 * The statements are wrapped in an arrow function, async when the cell awaits at top level.
 * Nodes keep their source ranges, so TypeScript's source map still points into the cell.
 */
import type * as T from "typescript";
import { ts } from "./typescript.js";
import { Set } from "../contract/intrinsics.js";

/** The global object of helpers compiled cells call (see helpers.ts). */
export const HELPERS = "__lazylab";

/** Facts about a cell found while transforming it. */
export interface CellShape {
  /** The cell awaits at top level (or imports), so its wrapper is async. */
  isAsync: boolean;
  /** The names the cell declares at top level. */
  declared: string[];
}

/** A transformer (run after TypeScript's own) that reshapes the cell as described above. */
export function cellTransformer(shape: CellShape): T.TransformerFactory<T.SourceFile> {
  return (context) => (file) => {
    const t = ts();
    const f = context.factory;
    const declared = new Set<string>();
    const hoisted: T.Statement[] = [];
    const body: T.Statement[] = [];
    const helper = (name: string) => f.createPropertyAccessExpression(f.createIdentifier(HELPERS), name);
    const statement = (expression: T.Expression, original: T.Node) => t.setTextRange(f.createExpressionStatement(expression), original);

    const target = (name: T.BindingName): T.Expression => {
      if (t.isIdentifier(name)) {
        declared.add(name.text);
        return f.createIdentifier(name.text);
      }
      if (t.isObjectBindingPattern(name)) {
        return f.createObjectLiteralExpression(
          name.elements.map((element) => {
            if (element.dotDotDotToken) return f.createSpreadAssignment(target(element.name));
            if (element.propertyName === undefined && t.isIdentifier(element.name)) {
              declared.add(element.name.text);
              return f.createShorthandPropertyAssignment(element.name.text, element.initializer);
            }
            const value = target(element.name);
            const key = element.propertyName ?? (element.name as T.Identifier);
            return f.createPropertyAssignment(key, element.initializer ? f.createAssignment(value, element.initializer) : value);
          }),
        );
      }
      return f.createArrayLiteralExpression(
        name.elements.map((element) => {
          if (t.isOmittedExpression(element)) return element;
          if (element.dotDotDotToken) return f.createSpreadElement(target(element.name));
          const value = target(element.name);
          return element.initializer ? f.createAssignment(value, element.initializer) : value;
        }),
      );
    };

    const isExportOrDefault = (m: T.ModifierLike) =>
      m.kind === t.SyntaxKind.ExportKeyword || m.kind === t.SyntaxKind.DefaultKeyword || m.kind === t.SyntaxKind.DeclareKeyword;
    const keptModifiers = (node: T.HasModifiers) => t.getModifiers(node)?.filter((m) => !isExportOrDefault(m)) as T.Modifier[] | undefined;

    const lastExpression = lastExpressionIndex(file.statements);
    file.statements.forEach((s, index) => {
      if (t.isImportDeclaration(s)) {
        body.push(statement(importBindings(s), s));
      } else if (t.isVariableStatement(s)) {
        const isVar = (s.declarationList.flags & t.NodeFlags.BlockScoped) === 0;
        for (const d of s.declarationList.declarations) {
          if (d.initializer === undefined && isVar) {
            if (t.isIdentifier(d.name)) declared.add(d.name.text);
            continue; // `var x;` declares without resetting, as in a module
          }
          const value = d.initializer ?? f.createVoidZero();
          body.push(statement(f.createAssignment(target(d.name) as T.Identifier, value), d));
        }
      } else if (t.isFunctionDeclaration(s) && s.body !== undefined) {
        const fn = f.createFunctionExpression(keptModifiers(s), s.asteriskToken, undefined, undefined, s.parameters, undefined, s.body);
        t.setTextRange(fn, s);
        if (s.name === undefined) {
          body.push(statement(fn, s)); // `export default function () {}`
        } else {
          declared.add(s.name.text);
          hoisted.push(statement(f.createAssignment(f.createIdentifier(s.name.text), fn), s));
        }
      } else if (t.isClassDeclaration(s)) {
        const cls = f.createClassExpression(keptModifiers(s), s.name, s.typeParameters, s.heritageClauses, s.members);
        t.setTextRange(cls, s);
        if (s.name === undefined) {
          body.push(statement(cls, s));
        } else {
          declared.add(s.name.text);
          body.push(statement(f.createAssignment(f.createIdentifier(s.name.text), cls), s));
        }
      } else if (t.isExportAssignment(s)) {
        body.push(statement(s.expression, s)); // `export default expr`
      } else if (t.isExportDeclaration(s)) {
        // `export { a }` re-exports nothing in a notebook
      } else if (index === lastExpression && t.isExpressionStatement(s)) {
        const box = f.createObjectLiteralExpression([f.createPropertyAssignment("value", s.expression)]);
        body.push(t.setTextRange(f.createReturnStatement(box), s));
      } else {
        body.push(s);
      }
    });
    const rewritten = [...hoisted, ...body].map((s) => t.visitNode(s, dynamicImports, t.isStatement));

    shape.declared = [...declared];
    shape.isAsync = file.statements.some((s) => t.isImportDeclaration(s) || awaitsAtTopLevel(s));
    const prelude: T.Statement[] = [f.createExpressionStatement(f.createStringLiteral("use strict"))];
    if (declared.size > 0) {
      const names = f.createArrayLiteralExpression([...declared].map((n) => f.createStringLiteral(n)));
      prelude.push(f.createExpressionStatement(f.createCallExpression(helper("declare"), undefined, [names])));
    }
    // `require` is a parameter of the cell (as in a CommonJS module), unless the cell declares its own.
    const takesRequire = !declared.has("require");
    const wrapper = f.createArrowFunction(
      shape.isAsync ? [f.createModifier(t.SyntaxKind.AsyncKeyword)] : undefined,
      undefined,
      takesRequire ? [f.createParameterDeclaration(undefined, undefined, "require")] : [],
      undefined,
      undefined,
      f.createBlock([...prelude, ...rewritten], true),
    );
    const call = f.createCallExpression(f.createParenthesizedExpression(wrapper), undefined, takesRequire ? [helper("require")] : []);
    return f.updateSourceFile(file, [f.createExpressionStatement(call)]);

    // `import("m")` → `__lazylab.importModule("m")`: scripts run by vm have no dynamic import of their own.
    function dynamicImports(node: T.Node): T.Node {
      if (t.isCallExpression(node) && node.expression.kind === t.SyntaxKind.ImportKeyword) {
        const args = node.arguments.map((a) => t.visitNode(a, dynamicImports, t.isExpression));
        return t.setTextRange(f.createCallExpression(helper("importModule"), undefined, args.slice(0, 1)), node);
      }
      return t.visitEachChild(node, dynamicImports, context);
    }

    // `import d, { a as b } from "m"` → `({ d, b } = await __lazylab.import("m", ["d", "default", "b", "a"]))`
    function importBindings(s: T.ImportDeclaration): T.Expression {
      const specifier = (s.moduleSpecifier as T.StringLiteral).text;
      const pairs: string[] = [];
      const clause = s.importClause;
      if (clause !== undefined && !clause.isTypeOnly) {
        if (clause.name) pairs.push(clause.name.text, "default");
        const named = clause.namedBindings;
        if (named && t.isNamespaceImport(named)) pairs.push(named.name.text, "*");
        if (named && t.isNamedImports(named)) {
          for (const e of named.elements) if (!e.isTypeOnly) pairs.push(e.name.text, (e.propertyName ?? e.name).text);
        }
      }
      const load = f.createAwaitExpression(
        f.createCallExpression(helper("import"), undefined, [
          f.createStringLiteral(specifier),
          f.createArrayLiteralExpression(pairs.map((p) => f.createStringLiteral(p))),
        ]),
      );
      if (pairs.length === 0) return load;
      const locals: string[] = pairs.filter((_, i) => i % 2 === 0);
      locals.forEach((n) => declared.add(n));
      return f.createAssignment(f.createObjectLiteralExpression(locals.map((n) => f.createShorthandPropertyAssignment(n))), load);
    }
  };
}

/** The index of the statement whose value is the cell's value (the last one, if an expression). */
function lastExpressionIndex(statements: readonly T.Statement[]): number {
  const t = ts();
  for (let i = statements.length - 1; i >= 0; i--) {
    const s = statements[i];
    if (t.isEmptyStatement(s) || (t.isExportDeclaration(s) && s.moduleSpecifier === undefined)) continue;
    return t.isExpressionStatement(s) ? i : -1;
  }
  return -1;
}

/** Whether `node` contains an `await` (or `for await`) outside any nested function. */
function awaitsAtTopLevel(node: T.Node): boolean {
  const t = ts();
  if (t.isAwaitExpression(node) || (t.isForOfStatement(node) && node.awaitModifier !== undefined)) return true;
  if (t.isVariableDeclarationList(node) && (node.flags & t.NodeFlags.AwaitUsing) === t.NodeFlags.AwaitUsing) return true;
  if (t.isFunctionLike(node) || t.isClassStaticBlockDeclaration(node)) return false;
  return t.forEachChild(node, awaitsAtTopLevel) === true;
}
