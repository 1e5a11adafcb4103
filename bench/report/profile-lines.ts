import type { ProfileSummary } from '../lib/cpu-profile';
import type { Figures } from './results';

const pct = (share: number): string => `${Math.round(share * 100)} %`;

function line(label: string, p: ProfileSummary, areas = 8, functions = 5): string {
  const byArea = p.byArea.slice(0, areas).map((a) => `${a.area} ${pct(a.share)}`);
  const top = p.topFunctions
    .filter((f) => !f.name.startsWith('('))
    .slice(0, functions)
    .map((f) => `\`${f.name}\` ${pct(f.share)}`);
  return `- **${label}** (${Math.round(p.totalMs)} ms sampled): ${byArea.join(', ')}. Hottest functions: ${top.join(', ')}.`;
}

/** Where the node processes spend their time, from the V8 profiles of the profiled runs (self time). */
export function profileLines(f: Pick<Figures, 'profile'> & Partial<Pick<Figures, 'api'>>): string {
  const lines: string[] = [];
  if (f.profile) lines.push(line('projector, one figure-1 run', f.profile.summary));
  if (f.api?.profiles) {
    lines.push(line('API under the list mix', f.api.profiles.list));
    lines.push(line('API under the stat mix', f.api.profiles.stat));
  }
  return lines.length === 0 ? '(profiling off: --no-profile)' : lines.join('\n');
}
