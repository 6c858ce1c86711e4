import './invited-hint.css';

/** On the registration form opened from an invite link: says a friend is waiting. */
export function InvitedHint({ text }: { text: string }) {
  return (
    <p className="invited-hint" data-testid="register-invited">
      {text}
    </p>
  );
}
