// A ledger memo never holds a name: transfers are append-only, so a name written into one could never be taken out
// again when its member asks to be forgotten. A memo names members as {member:ID} and is shown with their current
// name, so a forgotten member reads "a former member" and a renamed one their new name.

export function memberToken(memberId: number): string {
  return `{member:${memberId}}`;
}

/** The memo as people read it: each {member:ID} replaced by that member's name. */
export function renderMemo(memo: string, nameOf: (memberId: number) => string): string {
  return memo.replace(/\{member:(\d+)\}/g, (_, id: string) => nameOf(Number(id)));
}
