/** A positive integer given on the command line as `--flag N`, else the fallback. */
export function positiveIntFlag(args: readonly string[], flag: string, fallback: number): number {
  const i = args.indexOf(flag);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${flag} needs a positive integer`);
  return v;
}
