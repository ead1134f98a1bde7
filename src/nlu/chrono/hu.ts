import { NormalizingChrono, type Configuration } from './normalizing-chrono';

export function createConfiguration(strictMode = false): Configuration {
  void strictMode;
  return { parsers: [], refiners: [] };
}

export const casual = new NormalizingChrono(createConfiguration(false), 'hu');
export const strict = new NormalizingChrono(createConfiguration(true), 'hu');
