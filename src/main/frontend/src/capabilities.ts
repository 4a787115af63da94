// What the caller may see and do, read from its own schema: the hub gives each role a schema in
// which the fields it may not read, and the mutations it may not run, do not exist. Menus, columns
// and form fields follow from it, so a new role or field in the access policy needs no change here.

export interface Capabilities {
  /** Type name to its field names (input fields for input types). */
  types: Map<string, Set<string>>;
  mutationType: string | null;
}

export const INTROSPECTION = `query Capabilities {
  __schema {
    mutationType { name }
    types { name fields { name } inputFields { name } }
  }
}`;

interface IntrospectionData {
  __schema: {
    mutationType: { name: string } | null;
    types: { name: string; fields: { name: string }[] | null; inputFields: { name: string }[] | null }[];
  };
}

export function parseCapabilities(data: IntrospectionData): Capabilities {
  const types = new Map<string, Set<string>>();
  for (const type of data.__schema.types) {
    if (type.name.startsWith('__')) continue;
    types.set(type.name, new Set([...(type.fields ?? []), ...(type.inputFields ?? [])].map((f) => f.name)));
  }
  return { types, mutationType: data.__schema.mutationType?.name ?? null };
}

/** Whether the caller's schema has this field of this type. */
export function can(caps: Capabilities, type: string, field: string): boolean {
  return caps.types.get(type)?.has(field) ?? false;
}

export const canQuery = (caps: Capabilities, field: string) => can(caps, 'Query', field);
export const canMutate = (caps: Capabilities, field: string) =>
  caps.mutationType != null && can(caps, caps.mutationType, field);

/**
 * A selection: field names, or [field (with arguments), its type, its selection] for an object
 * field. Fields the caller's schema lacks are left out, and so is an object field of which
 * nothing remains.
 */
export type Selection = (string | [string, string, Selection])[];

export function select(caps: Capabilities, type: string, selection: Selection): string {
  const parts: string[] = [];
  for (const item of selection) {
    if (typeof item === 'string') {
      if (can(caps, type, item)) parts.push(item);
    } else {
      const [field, childType, childSelection] = item;
      const name = field.replace(/[(:\s].*$/s, '');
      if (!can(caps, type, name)) continue;
      const inner = select(caps, childType, childSelection);
      if (inner) parts.push(`${field} { ${inner} }`);
    }
  }
  return parts.join(' ');
}
