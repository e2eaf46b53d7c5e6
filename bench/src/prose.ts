// Deterministic academic-sounding prose: sentences of words drawn from a fixed vocabulary.
import type { Prng } from './prng';

const WORDS = (
  'the of and to in a that is for as with by on this which be are from it an was were not or at its these ' +
  'their has have been more than also can between such other into policy political economic social state ' +
  'power reform period analysis evidence argument approach however although therefore whereas because ' +
  'within during after before whose both several significant important central particular general public ' +
  'private system structure process development change history historical theory theoretical model data ' +
  'study studies research findings results method methods question questions problem problems context ' +
  'framework concept concepts practice practices institution institutions government leadership party ' +
  'society culture cultural identity language meaning interpretation account accounts claim claims view ' +
  'views position positions debate debates literature sources source archive archival record records ' +
  'narrative narratives perspective perspectives extent degree measure measures outcome outcomes effect ' +
  'effects cause causes factor factors role roles relation relations relationship network networks ' +
  'authority legitimacy ideology ideas idea principle principles value values interest interests conflict ' +
  'cooperation crisis stability continuity transformation transition decline growth expansion collapse ' +
  'emergence consolidation movement movements organisation organisations labour market markets trade ' +
  'production industry agriculture population urban rural regional national international global local ' +
  'early late modern contemporary twentieth nineteenth century decade decades years era generation ' +
  'considerable limited broader narrower explicit implicit direct indirect formal informal relative ' +
  'absolute initial subsequent final primary secondary critical empirical comparative quantitative ' +
  'qualitative suggests shows argues demonstrates indicates reveals emphasises notes observes contends ' +
  'maintains proposes examines explores considers describes explains assesses evaluates challenges ' +
  'supports undermines reinforces reflects shapes determines influences affects limits enables'
).split(' ');

export function sentence(prng: Prng, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(prng.pick(WORDS));
  if (words > 10 && prng.chance(0.4)) parts[prng.int(3, words - 4)] += ',';
  const text = parts.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}`;
}

/** A short title for a heading. */
export function headingWords(prng: Prng, words: number): string {
  return sentence(prng, words);
}
