import { casual } from '../chrono/el';
import { parseNumber as number, parseOrdinal as ordinal } from '../numbers';
import { parseDuration as duration } from '../duration';

/** Harness adapter (shared/eval/duckling_harness.mjs): the Greek chrono locale and number readers. */
export const parse = (text: string, ref: Date) => casual.parse(text, ref);
export const parseNumber = (text: string) => number(text, 'el');
export const parseOrdinal = (text: string) => ordinal(text, 'el');
export const parseDuration = (text: string) => duration(text, 'el');
