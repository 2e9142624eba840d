/** The machine a benchmark ran on, printed with every run: numbers mean nothing without it. */
import { arch, cpus, platform, release } from 'node:os';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly os: string;
}

export function describeMachine(): Machine {
  const processors = cpus();
  return {
    cpu: processors[0]?.model.trim() ?? 'unknown CPU',
    cores: processors.length,
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
  };
}

export const formatMachine = (m: Machine): string => `${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.os}`;
