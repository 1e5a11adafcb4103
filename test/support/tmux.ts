import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real terminal: a tmux session running an interactive bash, so a command typed into it gets the
 * terminal's foreground process group and a C-c reaches exactly what a person's Ctrl-C would. Each
 * session has its own tmux server (-L), so nobody else's tmux sessions or environment leak in.
 */
export class TmuxSession {
  private constructor(private readonly name: string) {}

  /** `env` is the whole environment of the terminal's shell, as a fresh login would have it. */
  static async start(name: string, cwd: string, env: Record<string, string>): Promise<TmuxSession> {
    const session = new TmuxSession(name);
    const assignments = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const shell = ['env', '-i', ...assignments, 'bash', '--norc', '--noprofile', '-i'];
    await session.tmux(
      'new-session',
      '-d',
      '-s',
      name,
      '-x',
      '200',
      '-y',
      '50',
      '-c',
      cwd,
      ...shell,
    );
    return session;
  }

  async type(line: string): Promise<void> {
    await this.tmux('send-keys', '-t', this.name, '-l', line);
    await this.tmux('send-keys', '-t', this.name, 'Enter');
  }

  async pressCtrlC(): Promise<void> {
    await this.tmux('send-keys', '-t', this.name, 'C-c');
  }

  /** The program in the terminal's foreground: `bash` once a command has returned to the prompt. */
  async foreground(): Promise<string> {
    return (
      await this.tmux('display-message', '-p', '-t', this.name, '#{pane_current_command}')
    ).trim();
  }

  /** Everything the terminal showed, scroll-back included. */
  async screen(): Promise<string> {
    return this.tmux('capture-pane', '-p', '-J', '-S', '-5000', '-t', this.name);
  }

  async kill(): Promise<void> {
    await this.tmux('kill-server').catch(() => undefined);
  }

  private async tmux(...args: string[]): Promise<string> {
    return (await run('tmux', ['-L', this.name, ...args])).stdout;
  }
}
