/** The V8 flags for a run of the CLI with these arguments: the larger budget for a long run, else ''. */
export function compilerFlags(argv: readonly string[]): string;
/** The flag a long run is given. */
export const LARGER_BUDGET: string;
/** Lecture bytes from which a render or a check gains from the larger budget. */
export const LONG_INPUT: number;
