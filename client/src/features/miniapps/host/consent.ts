import type { Consent, Scope } from '@app/shared';

export interface ConsentCheckerOptions {
  appId: string;
  /** The scopes the app's manifest declares (launch.scopes): anything else is denied without asking. */
  declared: readonly Scope[];
  /** The person's stored answers (GET /api/me/consents), loaded once per checker. */
  load: () => Promise<Consent[]>;
  /** The host's consent dialog: true = Allow, false = Deny, null = dismissed without an answer. */
  ask: (scope: Scope) => Promise<boolean | null>;
  /** Stores an answer (PUT /api/me/consents). */
  save: (scope: Scope, granted: boolean) => Promise<void>;
}

/**
 * The bridge's checkScope for one launch. Undeclared → false at once; stored grant → true, stored denial → false,
 * both without a dialog; never answered → one dialog, the answer stored. Dialogs are asked one after another (a
 * second request for the same scope waits and reuses the first answer).
 */
export function createConsentChecker(options: ConsentCheckerOptions): (scope: Scope) => Promise<boolean> {
  const { appId, declared } = options;
  let answers: Promise<Map<Scope, boolean>> | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const stored = () => {
    answers ??= options.load().then(
      (list) => new Map(list.filter((c) => c.appId === appId).map((c) => [c.scope, c.granted])),
      (err: unknown) => {
        answers = null; // try again next time
        throw err;
      },
    );
    return answers;
  };

  async function decide(scope: Scope): Promise<boolean> {
    const map = await stored();
    const known = map.get(scope);
    if (known !== undefined) return known;
    const answer = await options.ask(scope);
    if (answer === null) return false; // dismissed: denied this time, asked again next time
    await options.save(scope, answer);
    map.set(scope, answer);
    return answer;
  }

  return async (scope) => {
    if (!declared.includes(scope)) return false;
    const known = (await stored()).get(scope);
    if (known !== undefined) return known;
    const turn = queue.then(() => decide(scope));
    queue = turn.catch(() => undefined);
    return turn;
  };
}
