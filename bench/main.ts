/**
 * `npm run bench`: every benchmark section in turn, on one machine, printed as it finishes. A section is a name
 * and a function that runs and returns its printed report; add one (cold start, load, rescreening) by appending
 * it to SECTIONS. `npm run bench -- screening` runs only the named sections; `--quick` shortens the rounds.
 */
import { describeMachine, formatMachine } from './machine.js';
import { formatColdStartReport, runColdStartUntilSettled } from './cold-start.js';
import { DEFAULT_FHIR_BATCH_OPTIONS, formatFhirBatchReport, QUICK_FHIR_BATCH_OPTIONS, runFhirBatchBench } from './fhir-batch.js';
import { formatLoadTable, runLoadBench } from './load.js';
import { formatRoundTripTable, runRoundTripBench } from './round-trips.js';
import { formatRescreenTable, rescreenSizesFromEnvironment, runRescreenBench } from './rescreen.js';
import { DEFAULT_SCREENING_OPTIONS, QUICK_SCREENING_OPTIONS, formatScreeningReport, runScreeningBench } from './screening.js';
import { formatWebTable, runWebBench } from './web.js';

interface BenchContext {
  readonly quick: boolean;
}

interface BenchSection {
  readonly name: string;
  readonly run: (context: BenchContext) => Promise<string>;
}

const SECTIONS: readonly BenchSection[] = [
  {
    name: 'screening',
    run: async ({ quick }) => formatScreeningReport(await runScreeningBench(quick ? QUICK_SCREENING_OPTIONS : DEFAULT_SCREENING_OPTIONS)),
  },
  {
    name: 'fhir-batch',
    run: async ({ quick }) => formatFhirBatchReport(await runFhirBatchBench(quick ? QUICK_FHIR_BATCH_OPTIONS : DEFAULT_FHIR_BATCH_OPTIONS)),
  },
  {
    name: 'cold-start',
    run: async ({ quick }) => formatColdStartReport(await runColdStartUntilSettled(quick ? { repetitions: 3, maxProcesses: 9 } : {})),
  },
  {
    name: 'load',
    run: async ({ quick }) => {
      const options = quick ? { durationSeconds: 3, connections: 10, seededCandidates: 50, rounds: 1 } : { durationSeconds: 10, connections: 10, rounds: 3 };
      return formatLoadTable(await runLoadBench(options), options);
    },
  },
  {
    name: 'round-trips',
    run: async () => formatRoundTripTable(await runRoundTripBench()),
  },
  {
    name: 'web',
    run: async ({ quick }) => formatWebTable(await runWebBench({ rounds: quick ? 3 : 10 })),
  },
  {
    name: 'rescreen',
    run: async ({ quick }) =>
      formatRescreenTable(await runRescreenBench({ sizes: quick ? [1_000, 10_000] : rescreenSizesFromEnvironment() })),
  },
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const wanted = args.filter((arg) => !arg.startsWith('--'));
const unknown = wanted.filter((name) => !SECTIONS.some((section) => section.name === name));
if (unknown.length > 0) {
  console.error(`unknown bench section(s): ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}

console.log(`machine: ${formatMachine(describeMachine())}`);
for (const section of SECTIONS) {
  if (wanted.length > 0 && !wanted.includes(section.name)) continue;
  console.log(`\n== ${section.name} ==`);
  console.log(await section.run({ quick }));
}
