// How busy the machine was while a phase ran, and how much of that was the benchmark itself
// (its own process and the bots), from /proc. On a shared machine the figures only compare
// fairly when other processes left the cores alone, so the report says how much they took.
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface CpuSnapshot {
  machineBusy: number;
  machineTotal: number;
  ours: number;
}

/** Shares of all cores (100 = every core busy for the whole span). */
export interface CpuShare {
  machineBusyPercent: number;
  oursPercent: number;
  othersPercent: number;
}

/** Ticks spent so far: by the whole machine and by the processes in `pids`. */
export function cpuSnapshot(pids: readonly number[]): CpuSnapshot {
  const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number);
  const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  return { machineBusy: busy, machineTotal: busy + (idle ?? 0) + (iowait ?? 0), ours: pids.reduce((sum, pid) => sum + processTicks(pid), 0) };
}

export function cpuShareBetween(before: CpuSnapshot, after: CpuSnapshot): CpuShare {
  const total = Math.max(1, after.machineTotal - before.machineTotal);
  const busy = after.machineBusy - before.machineBusy;
  const ours = Math.min(busy, after.ours - before.ours);
  const percent = (ticks: number): number => Math.round((ticks / total) * 1000) / 10;
  return { machineBusyPercent: percent(busy), oursPercent: percent(ours), othersPercent: percent(Math.max(0, busy - ours)) };
}

/** CPU time a process has used so far, ms (Linux counts 100 ticks per second). */
export function processCpuMs(pid: number): number {
  return processTicks(pid) * 10;
}

export function loadAverage(): number {
  return Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
}

/** utime + stime of a process (all its threads), in clock ticks; 0 once it has gone. */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[11] ?? 0) + Number(rest[12] ?? 0);
  } catch {
    return 0; // the process ended between two samples: it spends nothing more
  }
}
