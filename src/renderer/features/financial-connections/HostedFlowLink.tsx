import type { JsonObject } from '@shared/dashboard-api';
import { CopyButton } from '../../components/CopyButton';

// The engine serves a session's hosted flow here; its client secret is the unguessable part.
const HOSTED_PREFIX = '/link/financial_connections/';

/** On a Financial Connections session: its hosted bank-linking page, to open in a browser or copy. */
export function HostedFlowLink({ object }: { object: JsonObject }) {
  if (object.object !== 'financial_connections.session' || typeof object.client_secret !== 'string') return null;
  const url = `${window.location.origin}${HOSTED_PREFIX}${object.client_secret}`;
  return (
    <div className="row gap" data-testid="fc-hosted-link">
      <span className="muted small">Hosted flow:</span>
      <a href={url} target="_blank" rel="noopener noreferrer" data-testid="fc-hosted-open">
        Open the bank-linking page
      </a>
      <CopyButton text={url} label="Copy link" testId="fc-hosted-copy" />
    </div>
  );
}
