// Web API and axios errors carry the request, Authorization header included; only these fields are ever logged.

const SECRETS = /(xox[abpr]-|xapp-)[A-Za-z0-9-]+/g;

export function safeError(error: unknown): { message: string; code?: string; slackError?: string } {
  if (!(error instanceof Error)) return { message: String(error).replace(SECRETS, '[secret]') };
  const out: { message: string; code?: string; slackError?: string } = { message: error.message.replace(SECRETS, '[secret]') };
  if ('code' in error && typeof error.code === 'string') out.code = error.code;
  const data = 'data' in error ? error.data : undefined;
  if (typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'string') out.slackError = data.error;
  return out;
}
