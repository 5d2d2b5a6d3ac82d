import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time spent, in milliseconds of one core, read from Linux's /proc (this
 * kind of machine): what a Monday's burst costs each party — the simulated
 * tablets' thread, the endpoint's process, the PostgreSQL server's processes.
 * NaN where /proc cannot tell (another system): the rows are then left out.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a /proc stat line, in ms (fields 14 and 15; the command name may hold spaces). */
function statCpuMs(path: string): number {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return Number.NaN;
  }
}

/** The calling thread's own CPU time (a worker's JavaScript thread, without the helper threads it shares). */
export const threadCpuMs = (): number => statCpuMs('/proc/thread-self/stat');

/** The whole process's CPU time: every thread, the workers' included. */
export function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Every process named postgres on the machine (the server at 127.0.0.1:5432 and its backends). */
export function postgresCpuMs(): number {
  let total = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let name = '';
      try {
        name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      } catch {
        continue; // the process ended meanwhile
      }
      if (name === 'postgres') total += statCpuMs(`/proc/${pid}/stat`) || 0;
    }
  } catch {
    return Number.NaN;
  }
  return total;
}
