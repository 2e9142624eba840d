/** `npm run bench:engine -- [git ref] [--quick]`: the engine at the ref (HEAD by default) against the working tree. */
import { REPOSITORY_ROOT } from '#scripts/build-functions.js';
import { DEFAULT_ENGINE_AB_OPTIONS, formatEngineAbReport, loadEngines, QUICK_ENGINE_AB_OPTIONS, runEngineAb } from './engine-ab.js';
import { describeMachine, formatMachine } from './machine.js';

const args = process.argv.slice(2);
const ref = args.find((arg) => !arg.startsWith('--')) ?? 'HEAD';
const options = args.includes('--quick') ? QUICK_ENGINE_AB_OPTIONS : DEFAULT_ENGINE_AB_OPTIONS;
const engines = await loadEngines(REPOSITORY_ROOT, ref);
try {
  console.log(`machine: ${formatMachine(describeMachine())}`);
  console.log(formatEngineAbReport(runEngineAb(engines.baseline, engines.candidate, engines.baselineCopy, options), ref));
} finally {
  await engines.cleanUp();
}
