import type { ObjectAction } from '../../context.js';
import { allows } from '../treasury/transitions.js';
import { REPORT_RUN } from './transitions.js';

/** The buttons the UI shows on a report run, legal exactly while it is pending. */
export const reportingActions: Record<string, ObjectAction[]> = {
  'reporting.report_run': [
    {
      name: 'finish',
      label: 'Finish now',
      available: (o) => allows(REPORT_RUN, o, 'succeed'),
      request: (o) => ({ method: 'POST', path: `/_counterfoil/reporting/report_runs/${o.id}/finish` }),
    },
    {
      name: 'fail',
      label: 'Fail',
      available: (o) => allows(REPORT_RUN, o, 'fail'),
      request: (o) => ({ method: 'POST', path: `/_counterfoil/reporting/report_runs/${o.id}/fail` }),
    },
  ],
};
