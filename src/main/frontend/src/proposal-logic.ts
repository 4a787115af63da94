// The life events a village proposes: which mutation each one is, and its input built from the form.
import { canMutate, type Capabilities } from './capabilities';

export type LifeEvent = 'death' | 'member' | 'correction' | 'head' | 'move' | 'split' | 'benefit' | 'benefitStop' | 'dissolution';

export const EVENT_MUTATIONS: Record<LifeEvent, [mutation: string, input: string]> = {
  death: ['proposeDeath', 'ProposeDeathInput'],
  member: ['proposeMember', 'ProposeMemberInput'],
  correction: ['proposeIdentityCorrection', 'ProposeIdentityCorrectionInput'],
  head: ['proposeHeadChange', 'ProposeHeadChangeInput'],
  move: ['proposeMove', 'ProposeMoveInput'],
  split: ['proposeSplit', 'ProposeSplitInput'],
  benefit: ['proposeBenefit', 'ProposeBenefitInput'],
  benefitStop: ['proposeBenefitStop', 'ProposeBenefitStopInput'],
  dissolution: ['proposeDissolution', 'ProposeDissolutionInput'],
};

/** What the form holds; each event reads the fields it needs. */
export interface EventForm {
  memberId: string;
  date: string;
  newHeadMemberId: string;
  reason: string;
  /** A new member (member), or the corrected values (correction): empty means unchanged. */
  nik: string;
  name: string;
  sex: string;
  birthDate: string;
  relationship: string;
  toKk: string;
  newKk: string;
  /** Member ID to relationship: to the new head (head), on the new card (split; only the chosen ones). */
  relationships: Record<string, string>;
  /** An enrolment (benefit): the programme's code, whom a member programme covers (memberId), the period, amount and funding. */
  programme: string;
  endsOn: string;
  amount: string;
  funding: string;
  /** The benefit to stop (benefitStop). */
  benefitId: string;
  /** A dissolution: the whole family moved out of the regency. */
  movedAway: boolean;
}

/** A programme as the form offers it: household programmes enrol the household, member programmes one person. */
export interface ProgrammeRef { code: string; target: 'HOUSEHOLD' | 'MEMBER' }

export interface HouseholdRef {
  id: string;
  version: number;
  members: { id: string; version: number; relationship: string; status?: string }[];
  /** The household's and its members' benefits, for a stop (with their versions). */
  benefits?: { id: string; version: number }[];
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** The input of the event's mutation; fields that stay unchanged in a correction are left out. */
export function eventInput(event: LifeEvent, form: EventForm, household: HouseholdRef, programmes: ProgrammeRef[] = []): Record<string, unknown> {
  const member = household.members.find((m) => m.id === form.memberId);
  const memberVersion = member?.version ?? 0;
  const relationships = Object.entries(form.relationships).map(([memberId, relationship]) => ({ memberId, relationship }));
  switch (event) {
    case 'death':
      return { memberId: form.memberId, expectedVersion: memberVersion, diedOn: form.date,
        newHeadMemberId: blankToNull(form.newHeadMemberId), reason: form.reason };
    case 'member':
      return { householdId: household.id, expectedVersion: household.version, reason: form.reason,
        member: { nik: form.nik.trim(), name: form.name.trim(), sex: form.sex, birthDate: form.birthDate, relationship: form.relationship } };
    case 'correction': {
      const input: Record<string, unknown> = { memberId: form.memberId, expectedVersion: memberVersion, reason: form.reason };
      if (blankToNull(form.name)) input.name = form.name.trim();
      if (blankToNull(form.birthDate)) input.birthDate = form.birthDate;
      if (blankToNull(form.sex)) input.sex = form.sex;
      if (blankToNull(form.nik)) input.newNik = form.nik.trim();
      return input;
    }
    case 'head':
      return { householdId: household.id, expectedVersion: household.version, newHeadMemberId: form.newHeadMemberId,
        relationships: relationships.filter((r) => r.memberId !== form.newHeadMemberId), reason: form.reason };
    case 'move':
      return { memberId: form.memberId, expectedVersion: memberVersion, toKk: form.toKk.trim(),
        relationship: form.relationship, movedOn: form.date, reason: form.reason };
    case 'split':
      return { householdId: household.id, expectedVersion: household.version, newKk: form.newKk.trim(),
        members: relationships, splitOn: form.date, reason: form.reason };
    case 'benefit': {
      const forMember = programmes.find((p) => p.code === form.programme)?.target === 'MEMBER';
      const input: Record<string, unknown> = { programme: form.programme, startsOn: form.date, endsOn: blankToNull(form.endsOn),
        reason: form.reason, ...(forMember ? { memberId: form.memberId } : { householdId: household.id }) };
      const amount = blankToNull(form.amount.replace(/[.\s]/g, '').replace(',', '.'));
      if (amount != null) input.amount = Number(amount);
      if (blankToNull(form.funding)) input.funding = form.funding;
      return input;
    }
    case 'benefitStop': {
      const benefit = (household.benefits ?? []).find((b) => b.id === form.benefitId);
      return { benefitId: form.benefitId, expectedVersion: benefit?.version ?? 0, stoppedOn: form.date, reason: form.reason };
    }
    case 'dissolution':
      return { householdId: household.id, expectedVersion: household.version, movedAway: form.movedAway, reason: form.reason };
  }
}

/** Whether a request is still waiting and past its due date, or due within the next day. */
export function urgency(request: { state: string; overdue?: boolean; dueAt?: string }, now = Date.now()): 'overdue' | 'soon' | null {
  if (request.state !== 'PENDING') return null;
  if (request.overdue) return 'overdue';
  if (request.dueAt && Date.parse(request.dueAt) - now < 24 * 3600 * 1000) return 'soon';
  return null;
}

/** Whether the register form sends a proposal: the caller may propose a registration and decides no proposals itself. */
export function registersAsProposal(caps: Capabilities): boolean {
  if (!canMutate(caps, 'proposeRegistration')) return false;
  return !(canMutate(caps, 'registerHousehold') && canMutate(caps, 'approveChangeRequest'));
}

/** The household's own benefits and its members' (each with the member's name as `who`), as the household page lists them. */
export function householdBenefits(household: { benefits?: any[]; members?: any[] }): any[] {
  return [...(household.benefits ?? []),
    ...(household.members ?? []).flatMap((m: any) => (m.benefits ?? []).map((b: any) => ({ ...b, who: m.name })))];
}
