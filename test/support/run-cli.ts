import { Writable } from 'node:stream';
import { main } from '../../cli/main.js';

/** Runs the CLI in this process with captured output. */
export async function runCliInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write: (chunk, _encoding, done) => {
        append(String(chunk));
        done();
      },
    });
  const code = await main(args, {
    stdin: process.stdin,
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
  });
  return { code, stdout, stderr };
}
