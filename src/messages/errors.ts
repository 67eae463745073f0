/** The answer to anything unexpected: the error itself is logged in full, never shown. */
export const APOLOGY = 'Sorry, something went wrong on my side. Nothing was changed; please try again in a moment.';
