import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

// The tables and columns that app/db/schema.ts declares, read with the TypeScript compiler (an
// interface has no existence at run time): `Database`'s properties, including those it inherits
// from each capability's `…Tables` interface, are the tables; each table interface's properties
// are its columns. A column is nullable when `null` is one of the types its type is a union of
// (inside `Generated<…>` or `ColumnType<…>`, the first argument, the type a select returns).

export const SCHEMA_FILE = path.resolve("app/db/schema.ts");

export interface ColumnShape {
  name: string;
  nullable: boolean;
}

export function declaredSchema(
  source = fs.readFileSync(SCHEMA_FILE, "utf8"),
): Map<string, ColumnShape[]> {
  const fileName = SCHEMA_FILE;
  const options: ts.CompilerOptions = {
    noResolve: true,
    noLib: true,
    target: ts.ScriptTarget.ES2022,
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (name, language, ...rest) =>
    name === fileName
      ? ts.createSourceFile(name, source, language, true)
      : getSourceFile.call(host, name, language, ...rest);
  const program = ts.createProgram([fileName], options, host);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(fileName)!;

  const database = file.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "Database",
  );
  if (!database) throw new Error("app/db/schema.ts has no `Database` interface");

  const tables = new Map<string, ColumnShape[]>();
  for (const table of checker
    .getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(database.name)!)
    .getProperties()) {
    const tableType = checker.getTypeOfSymbol(table);
    const columns = tableType.getProperties().map((column) => {
      const decl = column.valueDeclaration ?? column.declarations?.[0];
      const typeNode = decl && ts.isPropertySignature(decl) ? decl.type : undefined;
      return { name: column.name, nullable: typeNode ? admitsNull(typeNode) : false };
    });
    if (!columns.length)
      throw new Error(
        `Table ${table.name} in Database has no columns (is its interface in schema.ts?)`,
      );
    tables.set(table.name, columns);
  }
  return tables;
}

function admitsNull(node: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(node)) return admitsNull(node.type);
  if (ts.isUnionTypeNode(node)) return node.types.some(admitsNull);
  if (ts.isLiteralTypeNode(node)) return node.literal.kind === ts.SyntaxKind.NullKeyword;
  if (
    ts.isTypeReferenceNode(node) &&
    ts.isIdentifier(node.typeName) &&
    ["Generated", "ColumnType"].includes(node.typeName.text)
  ) {
    return node.typeArguments?.[0] ? admitsNull(node.typeArguments[0]) : false;
  }
  return false;
}
