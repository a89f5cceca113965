/** Where a command writes: plain lines for people, errors separately. src/cli.ts writes them to the terminal. */
export interface Output {
  line(text: string): void;
  error(text: string): void;
}

/** Exit codes: 0 done, 1 it could not be done (the message says why), 2 the command was not written right. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Output kept in memory, for tests. */
export function memoryOutput(): Output & { readonly lines: string[]; readonly errors: string[]; text(): string } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    line: (text) => lines.push(text),
    error: (text) => errors.push(text),
    text: () => [...lines, ...errors].join('\n'),
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
