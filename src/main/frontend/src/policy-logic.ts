// Rows of the role × field matrix from the hub's accessPolicy answer.

export interface FieldAccess {
  coordinate: string;
  kind: 'READ' | 'WRITE';
  roles: string[];
  maskedFor: string[];
}

export type Cell = 'read' | 'masked' | 'write';

export interface MatrixRow {
  coordinate: string;
  cells: Record<string, Cell>;
}

export function matrixRows(fields: FieldAccess[], filter = ''): MatrixRow[] {
  const needle = filter.trim().toLowerCase();
  return fields
    .filter((f) => !needle || f.coordinate.toLowerCase().includes(needle))
    .map((f) => ({
      coordinate: f.coordinate,
      cells: Object.fromEntries(f.roles.map((role) => [role,
        f.kind === 'WRITE' ? 'write' : f.maskedFor.includes(role) ? 'masked' : 'read'] as const)),
    }))
    .sort((a, b) => a.coordinate.localeCompare(b.coordinate));
}
