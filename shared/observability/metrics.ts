/**
 * The custom metrics the service publishes (Powertools Metrics, CloudWatch embedded metric format), named once: the
 * handlers publish them and the CDK stack alarms on them and draws them, so a rename cannot silently blind an alarm.
 * Powertools adds the `service` dimension (SERVICE_NAME) to every metric.
 */
export const METRICS_NAMESPACE = 'TrialMatch';

export const RESCREEN_METRICS = {
  /** 1 per sweep that finished: the heartbeat an alarm watches for (missing data means the sweep did not run). */
  completed: 'rescreenCompleted',
  rescreened: 'referralsRescreened',
  verdictsChanged: 'verdictsChanged',
  republished: 'notificationsRepublished',
  /** Enrolment places released or recorded by the sweep's reconciliation of the ledger. */
  placesReconciled: 'enrolmentPlacesReconciled',
} as const;
