/**
 * After a refused submission, keyboard and screen-reader users land on the first field to
 * correct, in the order the form shows them: the first `aria-invalid="true"` control (Mantine
 * marks every field that shows an error) inside `root`, once React has drawn the errors.
 */
export function focusFirstInvalid(root?: HTMLElement | null): void {
  if (typeof document === 'undefined') return;
  const scope = root ?? document;
  const focus = () => {
    const invalid = scope.querySelector<HTMLElement>('[aria-invalid="true"]:not([disabled])');
    if (invalid && document.activeElement !== invalid) {
      invalid.focus();
      invalid.scrollIntoView?.({ block: 'center' });
    }
  };
  // Errors set in this event appear at the next render.
  requestAnimationFrame(() => requestAnimationFrame(focus));
}
