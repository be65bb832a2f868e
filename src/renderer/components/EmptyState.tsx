import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton';

/** What to do next when a view has nothing to show: a line to paste or a button. */
export function EmptyState({
  title,
  intro,
  children,
  command,
  testId,
}: {
  title: string;
  /** The sentence above the command. */
  intro?: string;
  children?: ReactNode;
  command?: string;
  testId?: string;
}) {
  return (
    <div className="empty" data-testid={testId}>
      <h3>{title}</h3>
      {intro && <p className="empty-intro">{intro}</p>}
      {command && (
        <div className="command">
          <pre data-testid="empty-command">{command}</pre>
          <CopyButton text={command} label="Copy" />
        </div>
      )}
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}
