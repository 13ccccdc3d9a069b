/** A parsed command line: the subcommand, its `--flag value` / `--flag=value` options and switches. */
export interface ParsedArgs {
  command: string;
  flags: Record<string, string>;
  switches: Set<string>;
}

/** Raised for a command line the CLI cannot understand; main prints it with the usage. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Parses argv after the program name. `valued` lists the flags that take a value; everything else
 * starting with `--` is a switch. Unknown flags are rejected by the command that reads them.
 */
export function parseArgs(argv: string[], valued: ReadonlySet<string>): ParsedArgs {
  const flags: Record<string, string> = {};
  const switches = new Set<string>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "-h") {
      switches.add("help");
    } else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      if (valued.has(name)) {
        const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
        if (value === undefined || value === "") throw new UsageError(`--${name} needs a value`);
        flags[name] = value;
      } else if (eq !== -1) {
        throw new UsageError(`--${name} takes no value`);
      } else {
        switches.add(name);
      }
    } else if (command === undefined) {
      command = arg;
    } else {
      throw new UsageError(`unexpected argument "${arg}"`);
    }
  }
  return { command: command ?? "serve", flags, switches };
}

/** Throws when the command got a flag or switch it does not accept. */
export function expectOnly(args: ParsedArgs, allowed: readonly string[]): void {
  for (const name of [...Object.keys(args.flags), ...args.switches]) {
    if (name !== "help" && !allowed.includes(name)) throw new UsageError(`"${args.command}" does not accept --${name}`);
  }
}
