/**
 * A one-line progress report for long waits: on a terminal a spinner redrawn in place; otherwise (a log
 * file, CI) a plain line each time the reported text changes, without escape codes.
 */
const FRAMES = ["|", "/", "-", "\\"];

export interface ProgressLine {
  update(text: string): void;
  /** Ends the line (and the spinner); safe to call twice. */
  done(): void;
}

export function progressLine(stream: NodeJS.WriteStream = process.stderr, tty: boolean = stream.isTTY === true): ProgressLine {
  let text = "";
  let last = "";
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${text}\x1b[K`);
  return {
    update(next) {
      text = next;
      if (!tty) {
        if (next !== last) stream.write(`${next}\n`);
        last = next;
        return;
      }
      if (!timer) {
        timer = setInterval(draw, 120);
        timer.unref();
      }
      draw();
    },
    done() {
      if (timer) {
        clearInterval(timer);
        timer = undefined;
        stream.write(`\r\x1b[K`);
      }
    },
  };
}
