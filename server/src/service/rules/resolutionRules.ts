// The rules that report how a citation item failed to resolve; each rule file picks its own status.
import type { Analysis, CitedItem } from '../analysis';
import type { ItemResolution } from '../resolve/resolver';

/** The cited items whose resolution has the given status, with that resolution narrowed. */
export function itemsWithStatus<S extends ItemResolution['status']>(
  analysis: Analysis,
  status: S,
): Array<CitedItem & { resolution: Extract<ItemResolution, { status: S }> }> {
  return analysis.items.filter(
    (c): c is CitedItem & { resolution: Extract<ItemResolution, { status: S }> } => c.resolution.status === status,
  );
}
