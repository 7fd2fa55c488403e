import type { Stage } from '../../../shared/opportunities.schema';

const OPEN_COLORS = ['blue', 'cyan', 'indigo', 'violet', 'grape', 'pink'];

/** A Mantine colour per stage: won green, lost red, open stages in pipeline order. */
export function stageColor(stage: Pick<Stage, 'outcome' | 'position'>): string {
  if (stage.outcome === 'won') return 'teal';
  if (stage.outcome === 'lost') return 'red';
  return OPEN_COLORS[stage.position % OPEN_COLORS.length]!;
}
