import { readFileSync } from 'node:fs';

/*
 * Reads what the kernel knows about our processes: peak and current RSS (/proc/<pid>/status) and CPU time
 * (/proc/<pid>/stat), plus the machine's total busy time (/proc/stat). Every figure's CPU split comes from
 * these, so it costs nothing inside the measured processes.
 */

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux the project targets

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null; // the process has exited
  }
}

/** Peak resident set since the process started, in MiB. */
export function peakRssMb(pid: number): number | null {
  const kb = statusKb(pid, 'VmHWM');
  return kb === null ? null : kb / 1024;
}

export function rssMb(pid: number): number | null {
  const kb = statusKb(pid, 'VmRSS');
  return kb === null ? null : kb / 1024;
}

/** User + system CPU seconds the process (all its threads, not its children) has used so far. */
export function cpuSeconds(pid: number): number | null {
  return statCpuSeconds(`/proc/${pid}/stat`);
}

/**
 * The same for the process's main thread alone (its thread id is the pid): the thread that runs a Node
 * process's JavaScript, without V8's garbage-collector helpers and libuv's pool.
 */
export function mainThreadCpuSeconds(pid: number): number | null {
  return statCpuSeconds(`/proc/${pid}/task/${pid}/stat`);
}

function statCpuSeconds(path: string): number | null {
  try {
    const stat = readFileSync(path, 'utf8');
    // The command name may contain spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Busy, stolen and total CPU seconds of the whole machine (all cores) so far. Steal is time the hypervisor gave
 * our virtual CPUs to someone else: a disturbance no process list shows.
 */
export function machineCpuSeconds(): { busy: number; steal: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const steal = ticks[7] ?? 0;
  const total = ticks.reduce((a, b) => a + b, 0);
  return {
    busy: (total - idle - steal) / TICKS_PER_SECOND,
    steal: steal / TICKS_PER_SECOND,
    total: total / TICKS_PER_SECOND,
  };
}

export interface CpuSplit {
  wallSeconds: number;
  /** CPU seconds used during the window, per named process. */
  seconds: Record<string, number>;
  /**
   * CPU seconds of each named process's main thread during the window: for a Node process the JavaScript thread,
   * for the JVM only its idle launcher thread. Absent in results recorded before 2026-12-07.
   */
  mainThreadSeconds?: Record<string, number>;
  /** Cores used on average during the window, per named process. */
  cores: Record<string, number>;
  /** Cores used by the whole machine; what is not ours is other work on the shared box. */
  machineCores: number;
  otherCores: number;
  /** Cores' worth of time the hypervisor took away (steal). */
  stealCores: number;
}

/** Starts a CPU accounting window over named pids; `stop()` returns the average cores each used. */
export function cpuWindow(pids: Record<string, number | undefined>): { stop(): CpuSplit } {
  const startedAt = performance.now();
  const machineStart = machineCpuSeconds();
  const read = (cpu: (pid: number) => number | null) =>
    Object.fromEntries(
      Object.entries(pids).map(([name, pid]) => [name, pid === undefined ? null : cpu(pid)]),
    );
  const start = read(cpuSeconds);
  const mainStart = read(mainThreadCpuSeconds);
  return {
    stop(): CpuSplit {
      const wallSeconds = (performance.now() - startedAt) / 1_000;
      const machine = machineCpuSeconds();
      const seconds = used(start, read(cpuSeconds));
      const mainThreadSeconds = used(mainStart, read(mainThreadCpuSeconds));
      const cores: Record<string, number> = {};
      for (const [name, s] of Object.entries(seconds)) cores[name] = s / wallSeconds;
      const machineCores = (machine.busy - machineStart.busy) / wallSeconds;
      const ours = Object.values(cores).reduce((a, b) => a + b, 0);
      return {
        wallSeconds,
        seconds,
        mainThreadSeconds,
        cores,
        machineCores,
        otherCores: Math.max(0, machineCores - ours),
        stealCores: (machine.steal - machineStart.steal) / wallSeconds,
      };
    },
  };
}

/** after − before per name, for the names read both times (a process that exited is left out). */
function used(
  before: Record<string, number | null>,
  after: Record<string, number | null>,
): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const [name, b] of Object.entries(before)) {
    const a = after[name];
    if (b != null && a != null) seconds[name] = a - b;
  }
  return seconds;
}
