import { useEffect, useRef } from 'react';

/** A modal question with one way forward and one way back; Escape cancels. */
export function ConfirmDialog(props: {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The safe choice has the focus: Enter alone never erases anything.
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onCancel();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props]);
  return (
    <div className="modal-backdrop" onClick={props.onCancel}>
      <div
        className="modal card"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        data-testid="confirm-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <h3 id="confirm-title">{props.title}</h3>
        <p>{props.body}</p>
        <div className="row gap top-gap modal-actions">
          <button ref={cancel} className="button" data-testid="confirm-cancel" onClick={props.onCancel}>
            Cancel
          </button>
          <button className="button danger" data-testid="confirm-accept" onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
