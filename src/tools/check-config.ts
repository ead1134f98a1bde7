import { checkLibraries, defaultLibraryId, librariesDir, LibraryConfigError } from '../libraries/load-libraries';
import { demoDataFromEnv } from '../libraries/demo-data';

/**
 * npm run check-config: the library files (LIBRARIES_DIR or libraries/) checked as a start
 * would check them, without starting anything. Exit code 1 when one is wrong.
 */
const { libraries, problems } = checkLibraries(librariesDir());
// The settings that name libraries or change what is seeded, checked as the start checks them.
for (const check of [() => demoDataFromEnv(), () => problems.length === 0 && defaultLibraryId(libraries)]) {
  try { check(); } catch (error) { if (!(error instanceof LibraryConfigError)) throw error; problems.push(...error.problems); }
}
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exitCode = 1;
} else {
  for (const l of libraries.values()) process.stdout.write(`${l.file}: ok (${l.info.name}; ${l.info.branches.length} branch${l.info.branches.length === 1 ? '' : 'es'})\n`);
}
