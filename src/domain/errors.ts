/**
 * A refusal meant for the person: the message says what was wrong and what to do instead, in one or two
 * lines. Anything thrown that is not a UserError is a bug: logged in full, answered with a short apology.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** The option the refusal is about, so a form can show it beside that field. */
  readonly option: string | undefined;
  constructor(message: string, details: { option?: string } = {}) {
    super(message);
    this.option = details.option;
  }
}

export const APOLOGY = 'Sorry, something went wrong on my side. Nothing was changed; please try again in a moment.';
