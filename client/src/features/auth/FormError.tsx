/** The form's general error line (announced to screen readers); empty but present so the layout doesn't jump. */
export function FormError({ message }: { message: string | null }) {
  return (
    <p className="form-error" role="alert" data-testid={message ? 'form-error' : undefined}>
      {message}
    </p>
  );
}
