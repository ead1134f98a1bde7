import { casual } from '../chrono/hu';
import { parseDuration as duration } from '../duration';
import { parseNumber as number, parseOrdinal as ordinal } from '../numbers';

/** Harness adapter (shared/eval/duckling_harness.mjs): the Hungarian chrono locale and number readers. */
export const parse = (text: string, ref: Date) => casual.parse(text, ref);
export const parseNumber = (text: string) => number(text, 'hu');
export const parseOrdinal = (text: string) => ordinal(text, 'hu');
export const parseDuration = (text: string) => duration(text, 'hu');
