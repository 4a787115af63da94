// Who to follow up for JKN: the living members of poor households without an active JKN, with or without a health record.

export interface UninsuredHousehold {
  id: string;
  members?: { id: string; status?: string; health?: { segment: string; active: boolean } | null }[];
}

export function uninsuredMembers<H extends UninsuredHousehold>(households: H[]): { member: NonNullable<H['members']>[number]; household: H }[] {
  return households.flatMap((household) => (household.members ?? [])
    .filter((m) => m.status !== 'DECEASED' && (!m.health || !m.health.active || m.health.segment === 'NONE'))
    .map((member) => ({ member, household })));
}
