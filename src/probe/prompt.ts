/** A password prompt on the terminal, without echo (what psql's `-W` does). */

const ENTER = new Set(['\r', '\n']);
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const BACKSPACE = new Set(['\u007f', '\b']);

/** Reads one line from a TTY stdin in raw mode; undefined when stdin is not a terminal or on Ctrl-C / Ctrl-D. */
export function promptPassword(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string | undefined> {
  if (!input.isTTY) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let typed = '';
    const finish = (value: string | undefined) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (ENTER.has(char)) {
          finish(typed);
          return;
        }
        if (char === CTRL_C || char === CTRL_D) {
          finish(undefined);
          return;
        }
        if (BACKSPACE.has(char)) typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    // Echo off before the prompt shows: what is typed once it is visible is never echoed.
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
    output.write(prompt);
  });
}
