import { useState } from 'react';
import { copyText } from './copy-text';

export function CopyButton({ text, label = 'Copy', testId }: { text: string; label?: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      className="button small"
      data-testid={testId}
      data-copy={text}
      onClick={() => {
        void copyText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1200);
        });
      }}
    >
      {copied ? 'Copied ✓' : label}
    </button>
  );
}
