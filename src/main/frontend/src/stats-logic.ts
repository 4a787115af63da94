// Statistics of a round: rows of a table, a chart's bars and the table as CSV.

export interface Count {
  value: number | null;
  suppressed: boolean;
}

export interface StatRow {
  code: string;
  name: string;
  households: Count;
  persons: Count;
  change?: Count | null;
}

export interface Bar {
  label: string;
  value: number;
  /** Width as a share of the longest bar, 0 to 1. */
  share: number;
  suppressed: boolean;
}

export function bars(rows: StatRow[]): Bar[] {
  const max = Math.max(1, ...rows.map((r) => r.households.value ?? 0));
  return rows.map((r) => ({
    label: r.name,
    value: r.households.value ?? 0,
    share: (r.households.value ?? 0) / max,
    suppressed: r.households.suppressed,
  }));
}

const cell = (c: Count | null | undefined, withheld: string) =>
  c == null ? '' : c.suppressed || c.value == null ? withheld : String(c.value);

const quote = (text: string) => (/[";\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The table as CSV for a spreadsheet: `;` between columns, as spreadsheets set to Indonesian
 * expect (their decimal separator is the comma), plain digits without grouping, withheld counts named.
 */
export function toCsv(headers: string[], rows: StatRow[], withheld: string): string {
  const lines = [headers.map(quote).join(';')];
  for (const r of rows) {
    lines.push([r.code, r.name, cell(r.households, withheld), cell(r.persons, withheld), cell(r.change, withheld)]
      .map(quote).join(';'));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
