import type { Diagnostic } from './errors.js';

/** How many errors, and separately how many warnings, a check reports before it only counts the rest. */
export const MAX_DIAGNOSTICS = 100;

/**
 * The first `max` errors and the first `max` warnings of a sorted list; each group that had more
 * ends with one diagnostic (`more-errors`, `more-warnings`) saying how many were left out. An
 * instructor fixes the first hundred long before needing the rest, and an answer stays small.
 */
export function capDiagnostics(diagnostics: readonly Diagnostic[], max = MAX_DIAGNOSTICS): Diagnostic[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  return [...capGroup(errors, 'error', max), ...capGroup(warnings, 'warning', max)];
}

function capGroup(group: Diagnostic[], severity: Diagnostic['severity'], max: number): Diagnostic[] {
  if (group.length <= max) return group;
  const rest = group.length - max;
  const noun = `${severity}${rest === 1 ? '' : 's'}`;
  return [
    ...group.slice(0, max),
    {
      severity,
      code: severity === 'error' ? 'more-errors' : 'more-warnings',
      path: '',
      message: `${rest} more ${noun} not listed; fix the ones above and check again`,
    },
  ];
}
