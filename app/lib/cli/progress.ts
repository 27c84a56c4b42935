/**
 * Progress on the command line: a redrawn bar on a terminal, plain periodic lines otherwise
 * (CI logs, pipes), so long work (ingest, sync, reindex, export) always shows where it is.
 */
export interface Progress {
  update(done: number, label?: string): void;
  /** Print a line above the bar without breaking it. */
  log(line: string): void;
  finish(): void;
}

export function createProgress(total: number, title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = Boolean(stream.isTTY);
  const width = 28;
  let last = 0;
  let current = 0;
  let currentLabel = "";
  const started = Date.now();
  const render = () => {
    const ratio = total ? Math.min(1, current / total) : 1;
    const filled = Math.round(ratio * width);
    const bar = "█".repeat(filled) + "░".repeat(width - filled);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    return `${title} ${bar} ${current}/${total} ${(ratio * 100).toFixed(0)}% ${secs}s ${currentLabel}`.slice(0, 160);
  };
  const draw = () => {
    if (tty) stream.write(`\r\x1b[2K${render()}`);
  };
  return {
    update(done, label) {
      current = done;
      if (label !== undefined) currentLabel = label;
      const now = Date.now();
      if (tty) {
        if (now - last > 50 || done === total) {
          last = now;
          draw();
        }
      } else if (now - last > 2000 || done === total) {
        last = now;
        stream.write(render() + "\n");
      }
    },
    log(line) {
      if (tty) stream.write(`\r\x1b[2K${line}\n`);
      else stream.write(line + "\n");
      draw();
    },
    finish() {
      if (tty) stream.write(`\r\x1b[2K${render()}\n`);
    },
  };
}

/** Minimal `--flag value` / `--flag` parser for the thin CLIs in scripts/. */
export function parseArgs(argv: string[]): { positional: string[]; flags: Record<string, string | true> } {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
      else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) flags[arg.slice(2)] = argv[++i];
      else flags[arg.slice(2)] = true;
    } else positional.push(arg);
  }
  return { positional, flags };
}
