/**
 * The CDK app (cdk.json: `npx tsx infra/app.ts`). Nothing is defaulted that decides where patients' data lives or
 * who hears about trouble: the region, an alarm address and the API's domain and certificate are required, and a
 * region outside the trial sites' jurisdiction needs a declared legal basis (RUNBOOK.md §3-4):
 *   npx cdk synth -c region=cn-north-1 -c alarmEmail=oncall@hospital.example.cn \
 *     -c apiDomain=api.trial-match.example.cn -c apiCertificateArn=arn:aws-cn:acm:cn-north-1:...:certificate/... \
 *     -c jwtIssuer=https://idp.example.cn/realms/trial-match -c jwtAudience=trial-match-portal
 * The AwsSolutions and HIPAA Security nag packs run at synth: unacknowledged findings fail it.
 */
import { buildApp } from './stack/trial-match-app.js';

const { app } = buildApp();
app.synth();
