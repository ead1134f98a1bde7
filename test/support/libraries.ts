import { policyLookup } from '../../src/domain/policy/policies';
import { loadLibraries } from '../../src/libraries/load-libraries';

/** The project's own library files (libraries/*.yaml), as the app loads them. */
export const testLibraries = loadLibraries();
export const policyFor = policyLookup([...testLibraries.values()].map((l) => l.policy));
export const kalamariaPolicy = policyFor('kalamaria');
export const ozdPolicy = policyFor('ozd');
