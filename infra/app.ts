/**
 * The CDK app (cdk.json: `npx tsx infra/app.ts`). Region from `-c region=...` or CDK_DEFAULT_REGION (default
 * us-east-1). In AWS China pass the identity provider:
 *   npx cdk synth -c region=cn-north-1 -c jwtIssuer=https://... -c jwtAudience=...
 * The AwsSolutions and HIPAA Security nag packs run at synth: unacknowledged findings fail it.
 */
import { buildApp } from './stack/trial-match-app.js';

const { app } = buildApp();
app.synth();
