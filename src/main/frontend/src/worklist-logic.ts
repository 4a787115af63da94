// Which households belong on each of the social office's worklists.

export type Worklist = 'unassigned' | 'differs' | 'decile' | 'uninsured';

export interface WorklistHousehold {
  social?: { decile?: number | null; cluster?: { code: string } | null } | null;
  suggestedCluster?: { differsFromAssigned?: boolean; assigned?: { code: string } | null } | null;
}

/** Households of a region that a worklist holds (the uninsured list is already filtered by the hub). */
export function onWorklist(list: Worklist, h: WorklistHousehold, decileFrom = 1, decileTo = 10): boolean {
  switch (list) {
    case 'unassigned':
      return !(h.suggestedCluster?.assigned ?? h.social?.cluster);
    case 'differs':
      return h.suggestedCluster?.differsFromAssigned === true;
    case 'decile': {
      const decile = h.social?.decile;
      return decile != null && decile >= Math.min(decileFrom, decileTo) && decile <= Math.max(decileFrom, decileTo);
    }
    case 'uninsured':
      return true;
  }
}
