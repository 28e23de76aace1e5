import { policy } from '@jixu/domain';

// Yearly status for many people at once (Art. 5, 7, 8): the simulation of a new version and the
// benchmark run it over a whole province. Pure: no I/O, the caller loads the people.

export type PersonYear = {
  readonly personId: string;
  readonly records: readonly policy.YearRecord[];
  readonly reductions: readonly policy.LeavePeriod[];
  readonly issuerCodes?: readonly string[];
};

export type BatchResult = {
  /** Completion per person, in the order given. */
  readonly complete: readonly boolean[];
  /** Records the engine evaluated (records of other years it skipped are not counted). */
  readonly recordsEvaluated: number;
};

/** Each person's completion of `year` under `version`. */
export function completionBatch(options: { version: policy.PolicyDocument; year: number; people: readonly PersonYear[] }): BatchResult {
  const { version, year } = options;
  const complete: boolean[] = [];
  let recordsEvaluated = 0;
  for (const person of options.people) {
    const status = policy.yearlyStatus({
      policy: version,
      year,
      records: person.records,
      reductions: person.reductions,
      ...(person.issuerCodes ? { issuerCodes: person.issuerCodes } : {}),
    });
    complete.push(status.complete);
    recordsEvaluated += status.records.length + status.excluded.length;
  }
  return { complete, recordsEvaluated };
}

export type Transitions = {
  completeToIncomplete: number;
  incompleteToComplete: number;
  unchanged: number;
};

/** How completion changes from `before` to `after` (one version against another) for the same people. */
export function compareCompletion(before: readonly boolean[], after: readonly boolean[]): Transitions {
  const result = { completeToIncomplete: 0, incompleteToComplete: 0, unchanged: 0 };
  before.forEach((was, index) => {
    const is = after[index] ?? was;
    if (was && !is) result.completeToIncomplete += 1;
    else if (!was && is) result.incompleteToComplete += 1;
    else result.unchanged += 1;
  });
  return result;
}
