import { checkLibraries, librariesDir } from '../libraries/load-libraries';
import { demoDataFromEnv } from '../libraries/demo-data';

/**
 * npm run check-config: the library files (LIBRARIES_DIR or libraries/) checked as a start
 * would check them, without starting anything. Exit code 1 when one is wrong.
 */
const { libraries, problems } = checkLibraries(librariesDir());
try { demoDataFromEnv(); } catch (error) { problems.push(...(error as { problems: string[] }).problems); }
if (problems.length > 0) {
  process.stderr.write(`${problems.join('\n')}\n`);
  process.exitCode = 1;
} else {
  for (const l of libraries.values()) process.stdout.write(`${l.file}: ok (${l.info.name}; ${l.info.branches.length} branch${l.info.branches.length === 1 ? '' : 'es'})\n`);
}
