// Writes src/generated/schema.ts: TypeScript types of the hub's public GraphQL contract, read from
// the schema files at the top of the repository, so the app speaks the API the hub declares.
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildASTSchema, parse, isObjectType, isInterfaceType, isEnumType, isInputObjectType,
  isScalarType, isUnionType, isNonNullType, isListType } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
const schemaDir = join(here, '..', '..', '..', '..', 'schema');
const out = join(here, '..', 'src', 'generated', 'schema.ts');

const sdl = readdirSync(schemaDir).filter((f) => f.endsWith('.graphqls')).sort()
  .map((f) => readFileSync(join(schemaDir, f), 'utf8')).join('\n');
const schema = buildASTSchema(parse(sdl));

const scalars = { ID: 'string', String: 'string', Int: 'number', Float: 'number', Boolean: 'boolean',
  Date: 'string', DateTime: 'string' };
const typeRef = (t) => {
  if (isNonNullType(t)) return typeRef(t.ofType).replace(/ \| null$/, '');
  if (isListType(t)) return `Array<${typeRef(t.ofType).replace(/ \| null$/, '')}${isNonNullType(t.ofType) ? '' : ' | null'}> | null`;
  const name = isScalarType(t) ? (scalars[t.name] ?? 'unknown') : t.name;
  return `${name} | null`;
};
const doc = (d, indent = '') => (d ? `${indent}/** ${d.replace(/\*\//g, '* /').replace(/\s*\n\s*/g, ' ')} */\n` : '');

const lines = ['// Generated from schema/*.graphqls by build/generate-types.mjs: do not edit.', ''];
const names = Object.keys(schema.getTypeMap()).filter((n) => !n.startsWith('__')).sort();
for (const name of names) {
  const type = schema.getType(name);
  if (isEnumType(type)) {
    lines.push(doc(type.description) + `export type ${name} = ${type.getValues().map((v) => `'${v.name}'`).join(' | ')};`);
    lines.push(`export const ${name}Values: readonly ${name}[] = [${type.getValues().map((v) => `'${v.name}'`).join(', ')}];`, '');
  } else if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    lines.push(doc(type.description) + `export interface ${name} {`);
    for (const field of Object.values(type.getFields())) {
      const optional = isInputObjectType(type) && !isNonNullType(field.type) ? '?' : '';
      lines.push(doc(field.description, '  ') + `  ${field.name}${optional}: ${typeRef(field.type)};`);
    }
    lines.push('}', '');
  } else if (isUnionType(type)) {
    lines.push(`export type ${name} = ${type.getTypes().map((t) => t.name).join(' | ')};`, '');
  }
}
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lines.join('\n'));
console.log(`Types of ${names.length} schema types written to src/generated/schema.ts`);
