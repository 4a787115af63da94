// A verification round in a village: which households still wait for their result, and the entry's defaults.

export interface VerifiedHousehold {
  id: string;
  members?: { status?: string }[];
  social?: { cluster?: { code: string } | null } | null;
  verification?: { round: { name: string }; result: string; persons: number; note?: string | null; cluster?: { code: string } | null }[];
}

/** The household's result in the round, if any. */
export function resultIn<H extends VerifiedHousehold>(household: H, round: string) {
  return household.verification?.find((v) => v.round.name === round) ?? null;
}

/** The households still without a result in the round come first, in their order; then the recorded ones. */
export function pendingFirst<H extends VerifiedHousehold>(households: H[], round: string): { pending: H[]; done: H[] } {
  const pending: H[] = [];
  const done: H[] = [];
  for (const h of households) (resultIn(h, round) ? done : pending).push(h);
  return { pending, done };
}

/** What the entry row starts with: the result recorded, or the household's living members and current cluster. */
export function entryDefaults(household: VerifiedHousehold, round: string): { result: string; persons: number; cluster: string } {
  const recorded = resultIn(household, round);
  if (recorded) return { result: recorded.result, persons: recorded.persons, cluster: recorded.cluster?.code ?? '' };
  const living = (household.members ?? []).filter((m) => m.status !== 'DECEASED').length;
  return { result: 'STILL_POOR', persons: living, cluster: household.social?.cluster?.code ?? '' };
}
