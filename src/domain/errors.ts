/**
 * Why a request was refused, stable across wording changes: adapters and tests may rely on it, people never see it.
 * - `unknown_command`, `bad_option`, `missing_option`: the command or an option as typed
 * - `not_allowed`: admins only, or not this member's to do
 * - `not_found`: no such swap, member or entry in this co-op
 * - `limit`: past the co-op's floor or cap
 * - `too_early`, `too_late`: the time is not right for it yet, or any more
 * - `state`: the swap is not in a state that allows it
 * - `refused`: anything else
 */
export type RefusalCode =
  | 'unknown_command'
  | 'bad_option'
  | 'missing_option'
  | 'not_allowed'
  | 'not_found'
  | 'limit'
  | 'too_early'
  | 'too_late'
  | 'state'
  | 'refused';

/**
 * A refusal meant for the person: the message says what was wrong and what to do instead, in one or two
 * lines. Anything thrown that is not a UserError is a bug: logged in full, answered with a short apology.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** The option the refusal is about, so a form can show it beside that field. */
  readonly option: string | undefined;
  readonly code: RefusalCode;
  constructor(message: string, details: { option?: string; code?: RefusalCode } = {}) {
    super(message);
    this.option = details.option;
    this.code = details.code ?? 'refused';
  }
}
